import { z } from 'zod';
import { postInputSchema, threadInputSchema } from './annotate';
import { externalIdSchema, originSchema } from './common';
import { eventSchema } from './events';

/**
 * POST /v1/admin/communities/:id/import (operator): one batch of history from an export
 * (`npm run import`). Threads and posts are upserted, events stored once by id (the
 * importer derives ids from the source, so importing twice changes nothing). Imported
 * forum identities are not linked to any account.
 */
export const importBatchSchema = z.strictObject({
  site: originSchema,
  threads: z.array(threadInputSchema).max(200),
  posts: z.array(postInputSchema.extend({ thread: externalIdSchema })).max(500),
  events: z.array(eventSchema).max(500),
});
export type ImportBatch = z.input<typeof importBatchSchema>;

export const importResultSchema = z.object({
  threads: z.int(),
  posts: z.int(),
  events: z.object({ received: z.int(), stored: z.int() }),
});
export type ImportResult = z.infer<typeof importResultSchema>;
