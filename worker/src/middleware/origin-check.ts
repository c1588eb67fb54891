import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { errorBody } from '../errors';

function allowedOrigins(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  );
}

/**
 * Browsers may call the API only from the extension's origin and the configured
 * dashboard origin (ALLOWED_ORIGINS). A request carrying any other Origin is refused
 * before it reaches a route; requests without an Origin (CLI, server) go on to the
 * token check like any other.
 */
export const originCheck = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  const allowed = allowedOrigins(c.env.ALLOWED_ORIGINS);
  if (origin && !allowed.has(origin)) {
    return c.json(errorBody('origin_not_allowed', `Origin ${origin} may not call this API`), 403);
  }
  return cors({
    origin: (o) => (allowed.has(o) ? o : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['authorization', 'content-type'],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  })(c, next);
});
