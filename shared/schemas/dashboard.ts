import { z } from 'zod';
import { originSchema } from './common';

/** GET /v1/dashboard?range=7|30|90 (owners): the community's pulse over a range of days. */
export const dashboardQuerySchema = z.object({
  range: z.enum(['7', '30', '90']).default('30').transform(Number),
});

const activeUsers = z.object({
  dau: z.int(),
  wau: z.int(),
  mau: z.int(),
  averageDau: z.number(),
  stickiness: z.number().nullable(),
});

const memberRef = z.object({
  memberId: z.string(),
  /** Decrypted username (owners only). */
  displayName: z.string().nullable(),
  site: z.string(),
});

export const dashboardResponseSchema = z.object({
  community: z.object({ id: z.int(), name: z.string(), memberScores: z.boolean() }),
  range: z.int(),
  generatedAt: z.string(),
  /** Epoch ms of the last rollup (the data is as fresh as that). */
  rolledUpAt: z.number().nullable(),
  members: z.int(),
  active: z.object({ now: activeUsers, previous: activeUsers }),
  /** Per day of the range: interactions per member and the active count. */
  activity: z.array(
    z.object({ day: z.string(), interactions: z.number(), activeMembers: z.int(), index: z.number().nullable() }),
  ),
  /** Weekly cohorts: share of each week's newcomers active n weeks later. */
  cohorts: z.object({
    offsets: z.array(z.int()),
    rows: z.array(z.object({ label: z.string(), size: z.int(), rates: z.array(z.number().nullable()) })),
  }),
  engagement: z.object({
    /** Members per score decile: [0-9], [10-19], … [90-100]. */
    histogram: z.array(z.int()),
    levels: z.record(z.string(), z.int()),
  }),
  quality: z.object({
    posts: z.int(),
    meanScore: z.number().nullable(),
    topAuthors: z.array(memberRef.extend({ score: z.number(), posts: z.int() })),
  }),
  topContributors: z.array(memberRef.extend({ score: z.int(), level: z.string(), trend: z.string() })),
  atRisk: z.array(
    memberRef.extend({
      risk: z.number().nullable(),
      level: z.string(),
      lastActiveAt: z.string().nullable(),
      reasons: z.array(z.object({ feature: z.string(), direction: z.string(), value: z.number(), typical: z.number() })),
    }),
  ),
  /** Positive minus negative share of posts per day (counted above the confidence threshold); empty until sentiment is scored. */
  sentiment: z.array(z.object({ day: z.string(), net: z.number().nullable(), posts: z.int() })),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

/** What the dashboard page drills down by. */
export const breakdownBySchema = z.enum(['site', 'category', 'tag', 'thread']);
export type BreakdownBy = z.infer<typeof breakdownBySchema>;

/**
 * GET /v1/dashboard/breakdown?range=&by=site|category|tag|thread[&site=&category=&tag=]
 * (owners): the range's posts grouped one way, optionally within one site, category or
 * tag (e.g. the threads of one category).
 */
export const breakdownQuerySchema = z.object({
  range: z.enum(['7', '30', '90']).default('30').transform(Number),
  by: breakdownBySchema,
  site: originSchema.optional(),
  category: z.string().trim().min(1).max(200).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
});

export const breakdownRowSchema = z.object({
  /** The site's origin, the category, the tag, or the thread's id. */
  key: z.string(),
  /** The thread's title (threads only). */
  title: z.string().nullable(),
  /** The site of a site or thread row. */
  site: z.string().nullable(),
  /** The thread's address (threads only). */
  url: z.string().nullable(),
  threads: z.int(),
  posts: z.int(),
  /** Different members who posted. */
  authors: z.int(),
  /** Posts scored for sentiment above the confidence threshold, and the negative share of them. */
  scored: z.int(),
  negativeShare: z.number().nullable(),
  /** Open or acknowledged alerts about it. */
  openAlerts: z.int(),
});
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;

export const breakdownResponseSchema = z.object({
  range: z.int(),
  by: breakdownBySchema,
  filter: z.object({ site: z.string().nullable(), category: z.string().nullable(), tag: z.string().nullable() }),
  rows: z.array(breakdownRowSchema),
});
export type BreakdownResponse = z.infer<typeof breakdownResponseSchema>;
