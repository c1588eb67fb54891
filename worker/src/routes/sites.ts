import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { siteInputSchema, sitePatchSchema } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { sites } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { assertOriginsFree, loadCommunity } from '../services/communities';
import { jsonBody, pathParams } from '../validate';

const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Owners add the forums their community runs on, and remove them (with their data). */
export const sitesRoutes = new Hono<AppEnv>()
  .post('/', allow('owner'), jsonBody(siteInputSchema), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const site = c.req.valid('json');
    await assertOriginsFree(db, [site]);
    await db.insert(sites).values({ communityId: me.communityId, origin: site.origin, engine: site.engine });
    return c.json({ community: await loadCommunity(db, me.communityId) }, 201);
  })
  /** Change a site's engine, or give the generic adapter CSS selectors for it. */
  .patch('/:id', allow('owner'), pathParams(idParam), jsonBody(sitePatchSchema), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const patch = c.req.valid('json');
    const [row] = await db
      .update(sites)
      .set({
        ...(patch.engine !== undefined ? { engine: patch.engine } : {}),
        ...(patch.selectors !== undefined ? { selectors: patch.selectors } : {}),
      })
      .where(and(eq(sites.id, c.req.valid('param').id), eq(sites.communityId, me.communityId)))
      .returning({ id: sites.id });
    if (!row) throw new ApiFailure(404, 'not_found', 'No such site in your community');
    return c.json({ community: await loadCommunity(db, me.communityId) }, 200);
  })
  .delete('/:id', allow('owner'), pathParams(idParam), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const [gone] = await db
      .delete(sites)
      .where(and(eq(sites.id, c.req.valid('param').id), eq(sites.communityId, me.communityId)))
      .returning({ id: sites.id });
    if (!gone) throw new ApiFailure(404, 'not_found', 'No such site in your community');
    return c.json({ community: await loadCommunity(db, me.communityId) }, 200);
  });
