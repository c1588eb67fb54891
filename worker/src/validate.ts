import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { validationError } from './errors';

/** Validates the JSON body with a shared schema; a failure is a 400 naming the field. */
export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result, c) => {
    if (!result.success) return c.json(validationError(result.error), 400);
  });
}

/** Validates the query string with a shared schema. */
export function queryParams<T extends ZodType>(schema: T) {
  return zValidator('query', schema, (result, c) => {
    if (!result.success) return c.json(validationError(result.error), 400);
  });
}

/** Validates path parameters; a failure is a 400 naming the parameter. */
export function pathParams<T extends ZodType>(schema: T) {
  return zValidator('param', schema, (result, c) => {
    if (!result.success) return c.json(validationError(result.error), 400);
  });
}
