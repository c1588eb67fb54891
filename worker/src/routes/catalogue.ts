import { Hono } from 'hono';
import { catalogueRequestSchema } from '../../../shared/schemas/catalogue';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { threadUpsert } from '../services/catalogue';
import { sitesOfCommunity } from '../services/communities';
import { jsonBody } from '../validate';

/**
 * POST /v1/catalogue: threads a member saw listed (titles, tags, counts), so that
 * recommendations can offer threads nobody has opened yet. No posts, no people.
 */
export const catalogueRoutes = new Hono<AppEnv>().post('/', allow('member'), jsonBody(catalogueRequestSchema), async (c) => {
  const me = caller(c);
  const body = c.req.valid('json');
  const db = getDb(c.env);
  const site = (await sitesOfCommunity(db, me.communityId, [{ origin: body.site, field: 'site' }])).get(body.site)!;
  const now = Date.now();
  const unique = [...new Map(body.threads.map((t) => [t.id, t])).values()];
  const [first, ...rest] = unique.map((t) => threadUpsert(db, site, t, now));
  await db.batch([first!, ...rest]);
  return c.json({ recorded: unique.length }, 200);
});
