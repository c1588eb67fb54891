import { Hono } from 'hono';
import { recommendationsQuerySchema } from '../../../shared/schemas/recommendations';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { sitesOfCommunity } from '../services/communities';
import { identitiesOf } from '../services/identities';
import { recommendationsFor } from '../services/recommendations';
import { queryParams } from '../validate';

/**
 * GET /v1/recommendations?site=&thread=&k=: threads for the caller, from their own
 * reading on that site only (a member's recommendations are theirs alone).
 */
export const recommendationsRoutes = new Hono<AppEnv>().get('/', allow('member'), queryParams(recommendationsQuerySchema), async (c) => {
  const me = caller(c);
  const q = c.req.valid('query');
  const db = getDb(c.env);
  const site = (await sitesOfCommunity(db, me.communityId, [{ origin: q.site, field: 'site' }])).get(q.site)!;
  const memberIds = (await identitiesOf(db, me.accountId)).filter((i) => i.origin === q.site).map((i) => i.memberId);
  const body = await recommendationsFor(db, { siteId: site.id, memberIds, current: q.thread ?? null, k: q.k });
  return c.json(body, 200);
});
