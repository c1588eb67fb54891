import { z } from 'zod';

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  service: z.literal('community-pulse'),
  version: z.string(),
  /** Whether the database answered. */
  database: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
