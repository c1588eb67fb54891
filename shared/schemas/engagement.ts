import { z } from 'zod';

/** Levels (shared/metrics/levels.ts documents the thresholds). */
export const engagementLevelSchema = z.enum(['newcomer', 'regular', 'core', 'at_risk', 'lapsed']);
export type EngagementLevel = z.infer<typeof engagementLevelSchema>;

export const engagementComponentSchema = z.object({
  /**
   * The first formula's keys (posts … daysActive, shared/engagement.ts) or the community-
   * relative score's (views … acceptedAnswers, shared/metrics/engagement.ts).
   */
  key: z.enum([
    'posts',
    'likesReceived',
    'repliesReceived',
    'daysActive',
    'views',
    'readingMinutes',
    'likesGiven',
    'replies',
    'topics',
    'acceptedAnswers',
  ]),
  /** The raw count. */
  value: z.number(),
  /** The count mapped to 0..1. */
  normalised: z.number(),
  weight: z.number(),
  /** Points this component adds to the 0-100 score. */
  points: z.number(),
});
export type EngagementComponent = z.infer<typeof engagementComponentSchema>;

export const engagementSchema = z.object({
  score: z.int().min(0).max(100),
  level: engagementLevelSchema,
  components: z.array(engagementComponentSchema),
  /**
   * `community`: scored by the daily job against the community's own distribution, with
   * a trend; `provisional`: the first formula, for members the job has not scored yet.
   */
  basis: z.enum(['community', 'provisional']).default('provisional'),
  trend: z.object({ direction: z.enum(['up', 'down', 'flat', 'new']), delta: z.number().nullable() }).nullable().default(null),
  /** Moderators and owners only: churn risk (0..1) with its top reasons. */
  churn: z
    .object({
      risk: z.number(),
      reasons: z.array(z.object({ feature: z.string(), direction: z.enum(['raises', 'lowers']), value: z.number(), typical: z.number() })),
    })
    .nullable()
    .default(null),
});
export type Engagement = z.input<typeof engagementSchema>;
