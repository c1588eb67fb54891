import { z } from 'zod';

/** Every error the Worker returns has this JSON body. */
export const apiErrorSchema = z.object({
  error: z.object({
    /** Stable machine-readable code, e.g. `invalid_body`, `not_found`. */
    code: z.string(),
    message: z.string(),
    /** Dotted path of the first offending field, for validation errors. */
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
