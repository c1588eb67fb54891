import { Hono } from 'hono';
import { z } from 'zod';
import { type CreatedInvite, createCommunitySchema, createInviteSchema } from '../../../shared/schemas/auth';
import { importBatchSchema } from '../../../shared/schemas/import';
import { allow } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { createCommunity, loadCommunity, sitesOfCommunity } from '../services/communities';
import { importBatch } from '../services/import';
import { createInvite } from '../services/invites';
import { jsonBody, pathParams } from '../validate';

const communityParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * The operator's routes (ADMIN_TOKEN): create a community with its sites and the owner's
 * first invite; make further invites for a community (e.g. when an owner lost access).
 */
export const adminRoutes = new Hono<AppEnv>()
  .post('/communities', allow('admin'), jsonBody(createCommunitySchema), async (c) => {
    const { name, sites } = c.req.valid('json');
    const db = getDb(c.env);
    const id = await createCommunity(db, name, sites);
    const { code, invite } = await createInvite(db, id, { role: 'owner', expiresInDays: 30, note: 'first owner' }, null);
    const body: CreatedInvite = { code, invite, community: await loadCommunity(db, id) };
    return c.json(body, 201);
  })
  /** One batch of imported history (npm run import). */
  .post('/communities/:id/import', allow('admin'), pathParams(communityParam), jsonBody(importBatchSchema), async (c) => {
    const { id } = c.req.valid('param');
    const batch = c.req.valid('json');
    const db = getDb(c.env);
    await loadCommunity(db, id);
    const site = (await sitesOfCommunity(db, id, [{ origin: batch.site, field: 'site' }])).get(batch.site)!;
    return c.json(await importBatch(db, c.env, site, batch.site, batch), 200);
  })
  .post('/communities/:id/invites', allow('admin'), pathParams(communityParam), jsonBody(createInviteSchema), async (c) => {
    const { id } = c.req.valid('param');
    const db = getDb(c.env);
    const community = await loadCommunity(db, id);
    const { code, invite } = await createInvite(db, id, c.req.valid('json'), null);
    const body: CreatedInvite = { code, invite, community };
    return c.json(body, 201);
  });
