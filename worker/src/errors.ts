import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../../shared/schemas/errors';

/** A failure whose message is safe to show the caller. */
export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, extra: Partial<ApiError['error']> = {}): ApiError {
  return { error: { code, message, ...extra } };
}

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}

/** 400 naming the first offending field, with every issue listed. */
export function validationError(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}): ApiError {
  const issues = error.issues.slice(0, 20).map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const first = issues[0] ?? { field: '(body)', message: 'Invalid body' };
  return errorBody('invalid_body', `${first.field}: ${first.message}`, { field: first.field, issues });
}

const codes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The one error handler: JSON always, never a stack trace. */
export function onError(err: Error, c: Context) {
  if (err instanceof ApiFailure) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(codes[status] ?? 'error', err.message || 'Request failed'), status);
  }
  console.error('unhandled error', err);
  return c.json(errorBody('internal', 'Internal error'), 500);
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
