import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { type CreatedInvite, createInviteSchema } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { invites } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { loadCommunity } from '../services/communities';
import { createInvite, toInvite } from '../services/invites';
import { jsonBody, pathParams } from '../validate';

const idParam = z.object({ id: z.uuid() });

/** Owners manage their community's invites. Codes are shown once, at creation. */
export const invitesRoutes = new Hono<AppEnv>()
  .get('/', allow('owner'), async (c) => {
    const rows = await getDb(c.env)
      .select()
      .from(invites)
      .where(eq(invites.communityId, caller(c).communityId))
      .orderBy(desc(invites.createdAt));
    return c.json({ invites: rows.map(toInvite) }, 200);
  })
  .post('/', allow('owner'), jsonBody(createInviteSchema), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const { code, invite } = await createInvite(db, me.communityId, c.req.valid('json'), me.accountId);
    const body: CreatedInvite = { code, invite, community: await loadCommunity(db, me.communityId) };
    return c.json(body, 201);
  })
  .delete('/:id', allow('owner'), pathParams(idParam), async (c) => {
    const me = caller(c);
    const [row] = await getDb(c.env)
      .update(invites)
      .set({ revokedAt: Date.now() })
      .where(and(eq(invites.id, c.req.valid('param').id), eq(invites.communityId, me.communityId), isNull(invites.revokedAt)))
      .returning();
    if (!row) throw new ApiFailure(404, 'not_found', 'No such open invite in your community');
    return c.json({ invite: toInvite(row) }, 200);
  });
