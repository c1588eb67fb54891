import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { errorBody } from '../errors';

let warned = false;

/**
 * Per-token request limit through the Workers rate-limiting binding (wrangler.toml
 * [[ratelimits]] TOKEN_RATE_LIMIT: 600 requests a minute, fixed windows). Callers
 * without a valid token are limited per IP address (CF-Connecting-IP); the operator's
 * ADMIN_TOKEN is not limited. Over the limit: 429 with Retry-After.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const limiter = c.env.TOKEN_RATE_LIMIT;
  if (!limiter) {
    if (!warned) console.warn('TOKEN_RATE_LIMIT binding missing: requests are not rate limited');
    warned = true;
    return next();
  }
  const p = c.get('principal');
  if (p.kind === 'admin') return next();
  const ip = c.req.header('cf-connecting-ip');
  // Without a token, the caller is its IP address, which Cloudflare always gives; a
  // request without one (local development, tests) cannot be attributed and is not limited.
  if (p.kind !== 'account' && !ip) return next();
  const key = p.kind === 'account' ? `account:${p.accountId}` : `ip:${ip}`;
  const { success } = await limiter.limit({ key });
  if (!success) {
    c.header('retry-after', '60');
    return c.json(errorBody('rate_limited', 'Too many requests: wait a minute'), 429);
  }
  return next();
});
