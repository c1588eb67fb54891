import { Hono } from 'hono';
import { recommendationsQuerySchema } from '../../../shared/schemas/recommendations';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { recommendationsFor } from '../services/recommendations';
import { queryParams } from '../validate';

/**
 * GET /v1/recommendations?site=&thread=&k=: threads for the caller, from their own
 * reading on that site only (a member's recommendations are theirs alone).
 */
export const recommendationsRoutes = new Hono<AppEnv>().get('/', allow('member'), queryParams(recommendationsQuerySchema), async (c) => {
  const me = caller(c);
  const q = c.req.valid('query');
  const body = await recommendationsFor(getDb(c.env), { communityId: me.communityId, accountId: me.accountId, origin: q.site, current: q.thread ?? null, k: q.k });
  if (!body) throw new ApiFailure(403, 'site_not_in_community', `site: ${q.site} is not a site of your community`);
  return c.json(body, 200);
});
