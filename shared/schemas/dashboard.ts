import { z } from 'zod';

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
