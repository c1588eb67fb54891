import { z } from 'zod';
import { threadInputSchema } from './annotate';
import { engineSchema, originSchema } from './common';

/** POST /v1/catalogue: threads listed on a page (front page, category, tag list). */
export const catalogueRequestSchema = z.strictObject({
  site: originSchema,
  engine: engineSchema,
  threads: z.array(threadInputSchema).min(1).max(100),
});
export type CatalogueRequest = z.input<typeof catalogueRequestSchema>;
