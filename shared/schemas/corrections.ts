import { z } from 'zod';
import { MAX_TEXT_CHARS } from '../sentiment/prepare';
import { SENTIMENT_LABELS, TOXICITY_LABELS } from '../constants';
import { externalIdSchema, originSchema } from './common';

// Defined in constants.ts (the content script reads them without bundling zod).
export { SENTIMENT_LABELS, TOXICITY_LABELS } from '../constants';

const base = {
  site: originSchema,
  /** The post's id on the forum, as the adapter read it. */
  post: externalIdSchema,
  /** The post's plain text (`prepareText`), kept with the correction as training data. */
  text: z.string().min(1).max(MAX_TEXT_CHARS),
};

/** A moderator's correction of the model's label for one post. */
export const correctionRequestSchema = z.discriminatedUnion('task', [
  z.strictObject({ ...base, task: z.literal('sentiment'), label: z.enum(SENTIMENT_LABELS) }),
  z.strictObject({ ...base, task: z.literal('toxicity'), label: z.enum(TOXICITY_LABELS) }),
]);
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

export const correctionResponseSchema = z.object({
  correction: z.object({
    id: z.string(),
    task: z.enum(['sentiment', 'toxicity']),
    label: z.string(),
    /** What the current model says of the same text. */
    modelLabel: z.string(),
    createdAt: z.string(),
  }),
});
export type CorrectionResponse = z.infer<typeof correctionResponseSchema>;

/** GET /v1/corrections/export?format=json|jsonl|csv&task=sentiment|toxicity */
export const correctionsExportQuerySchema = z.strictObject({
  format: z.enum(['json', 'jsonl', 'csv']).default('json'),
  task: z.enum(['sentiment', 'toxicity']).optional(),
});

/** One exported row (a JSONL line, an element of `corrections` in JSON; the CSV has the same columns). */
export interface CorrectionExportRow {
  task: 'sentiment' | 'toxicity';
  label: string;
  modelLabel: string | null;
  text: string;
  site: string;
  post: string;
  createdAt: string;
}
