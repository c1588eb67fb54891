import { createMiddleware } from 'hono/factory';
import { errorBody } from '../errors';

/**
 * Requests with a body must be JSON: 415 otherwise, instead of validating an empty body.
 * Actions without a body (POST /v1/alerts/:id/ack) need no content type.
 */
export const jsonOnly = createMiddleware(async (c, next) => {
  const hasBody = c.req.raw.body !== null || Number(c.req.header('content-length') ?? 0) > 0;
  if (hasBody && (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH')) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return c.json(errorBody('unsupported_media_type', 'Send the body as application/json'), 415);
    }
  }
  await next();
});
