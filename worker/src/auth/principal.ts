import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../../shared/schemas/auth';
import { getDb } from '../db/client';
import { accounts } from '../db/schema';
import type { AppEnv } from '../env';
import { secretsEqual, sha256Hex } from './secrets';

/** Who is calling, decided once per request from the Authorization header. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  | { kind: 'revoked' }
  | { kind: 'admin' }
  | { kind: 'account'; accountId: string; communityId: number; role: Role };

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Reads `Authorization: Bearer <token>`. The operator's ADMIN_TOKEN makes an admin;
 * any other token is looked up by its hash on every request, so a revocation takes
 * effect at once.
 */
export const identify = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  let principal: Principal = { kind: 'anonymous' };
  if (header && !token) principal = { kind: 'invalid' };
  if (token) {
    if (c.env.ADMIN_TOKEN && c.env.ADMIN_TOKEN.length >= 32 && (await secretsEqual(token, c.env.ADMIN_TOKEN))) {
      principal = { kind: 'admin' };
    } else {
      const db = getDb(c.env);
      const [row] = await db
        .select({ id: accounts.id, communityId: accounts.communityId, role: accounts.role, revokedAt: accounts.revokedAt, lastSeenAt: accounts.lastSeenAt })
        .from(accounts)
        .where(eq(accounts.tokenHash, await sha256Hex(token)))
        .limit(1);
      if (!row) principal = { kind: 'invalid' };
      else if (row.revokedAt !== null) principal = { kind: 'revoked' };
      else {
        principal = { kind: 'account', accountId: row.id, communityId: row.communityId, role: row.role };
        const now = Date.now();
        if (!row.lastSeenAt || now - row.lastSeenAt > LAST_SEEN_RESOLUTION_MS) {
          const touch = db.update(accounts).set({ lastSeenAt: now }).where(eq(accounts.id, row.id)).run();
          try {
            c.executionCtx.waitUntil(touch);
          } catch {
            await touch; // no execution context (direct fetch in tests)
          }
        }
      }
    }
  }
  c.set('principal', principal);
  await next();
});
