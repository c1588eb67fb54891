import { Hono } from 'hono';
import { breakdownQuerySchema, dashboardQuerySchema } from '../../../shared/schemas/dashboard';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { loadCommunity } from '../services/communities';
import { breakdown } from '../services/breakdown';
import { dashboard } from '../services/dashboard';
import { queryParams } from '../validate';

/** GET /v1/dashboard?range=7|30|90: the owner's view of the community, from the daily rollups. */
export const dashboardRoutes = new Hono<AppEnv>().get('/', allow('owner'), queryParams(dashboardQuerySchema), async (c) => {
  const me = caller(c);
  const db = getDb(c.env);
  const community = await loadCommunity(db, me.communityId);
  const body = await dashboard(db, community, { range: c.req.valid('query').range, names: true, displayNameKey: c.env.DISPLAY_NAME_KEY });
  return c.json(body, 200);
})
  /** GET /v1/dashboard/breakdown?range=&by=site|category|tag|thread[&site=&category=&tag=]: drill-down of the range's posts. */
  .get('/breakdown', allow('owner'), queryParams(breakdownQuerySchema), async (c) => {
    const q = c.req.valid('query');
    return c.json(await breakdown(getDb(c.env), caller(c).communityId, q), 200);
  });
