import { z } from 'zod';
import { externalIdSchema, originSchema } from './common';

/** GET /v1/recommendations?site=&thread=&k= */
export const recommendationsQuerySchema = z.object({
  site: originSchema,
  /** The thread on screen: counts as read, never recommended. */
  thread: externalIdSchema.optional(),
  k: z.coerce.number().int().min(1).max(20).default(10),
});

export const recommendationReasonSchema = z.object({
  kind: z.enum(['because_you_read', 'similar_to', 'popular_in_tag', 'new_in_tag_you_follow', 'popular', 'new']),
  /** The thread id (because_you_read, similar_to) or tag (…_tag…) the reason refers to. */
  ref: z.string().nullable(),
  /** Title of the referred thread, when it is one. */
  refTitle: z.string().nullable(),
});
export type RecommendationReason = z.infer<typeof recommendationReasonSchema>;

export const recommendationsResponseSchema = z.object({
  generatedAt: z.string(),
  items: z.array(
    z.object({
      thread: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      tags: z.array(z.string()),
      score: z.number(),
      reason: recommendationReasonSchema,
    }),
  ),
});
export type RecommendationsResponse = z.infer<typeof recommendationsResponseSchema>;
