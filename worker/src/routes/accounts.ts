import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Account } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { accounts } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { pathParams } from '../validate';

const idParam = z.object({ id: z.uuid() });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Owners list the accounts of their community and revoke them (effective at once). */
export const accountsRoutes = new Hono<AppEnv>()
  .get('/', allow('owner'), async (c) => {
    const rows = await getDb(c.env)
      .select({
        id: accounts.id,
        role: accounts.role,
        label: accounts.label,
        createdAt: accounts.createdAt,
        revokedAt: accounts.revokedAt,
        lastSeenAt: accounts.lastSeenAt,
        identities: sql<number>`(SELECT count(*) FROM identities i WHERE i.account_id = ${accounts.id})`,
      })
      .from(accounts)
      .where(eq(accounts.communityId, caller(c).communityId))
      .orderBy(desc(accounts.createdAt));
    const list: Account[] = rows.map((r) => ({
      ...r,
      createdAt: iso(r.createdAt)!,
      revokedAt: iso(r.revokedAt),
      lastSeenAt: iso(r.lastSeenAt),
    }));
    return c.json({ accounts: list }, 200);
  })
  .delete('/:id', allow('owner'), pathParams(idParam), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const { id } = c.req.valid('param');
    const [target] = await db
      .select({ role: accounts.role })
      .from(accounts)
      .where(and(eq(accounts.id, id), eq(accounts.communityId, me.communityId), isNull(accounts.revokedAt)));
    if (!target) throw new ApiFailure(404, 'not_found', 'No such active account in your community');
    if (target.role === 'owner') {
      const [other] = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.communityId, me.communityId), eq(accounts.role, 'owner'), isNull(accounts.revokedAt), ne(accounts.id, id)))
        .limit(1);
      if (!other) throw new ApiFailure(409, 'last_owner', 'A community keeps at least one owner: invite another owner first');
    }
    await db.update(accounts).set({ revokedAt: Date.now() }).where(eq(accounts.id, id));
    return c.json({ revoked: id }, 200);
  });
