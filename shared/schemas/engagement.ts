import { z } from 'zod';

export const engagementLevelSchema = z.enum(['newcomer', 'regular', 'core']);
export type EngagementLevel = z.infer<typeof engagementLevelSchema>;

export const engagementComponentSchema = z.object({
  key: z.enum(['posts', 'likesReceived', 'repliesReceived', 'daysActive']),
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
});
export type Engagement = z.infer<typeof engagementSchema>;
