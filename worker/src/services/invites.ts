import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Invite, Role } from '../../../shared/schemas/auth';
import { newId, newInviteCode, newToken, sha256Hex } from '../auth/secrets';
import type { Db } from '../db/client';
import { accounts, invites } from '../db/schema';
import { ApiFailure } from '../errors';

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toInvite(row: typeof invites.$inferSelect): Invite {
  return {
    id: row.id,
    role: row.role,
    note: row.note,
    createdAt: iso(row.createdAt)!,
    expiresAt: iso(row.expiresAt)!,
    maxUses: row.maxUses,
    uses: row.uses,
    revokedAt: iso(row.revokedAt),
  };
}

/** Makes an invite; the code is returned once and only its hash is stored. */
export async function createInvite(
  db: Db,
  communityId: number,
  input: { role: Role; expiresInDays?: number; maxUses?: number; note?: string | undefined },
  createdBy: string | null,
  now = Date.now(),
): Promise<{ code: string; invite: Invite }> {
  const code = newInviteCode();
  const [row] = await db
    .insert(invites)
    .values({
      id: newId(),
      communityId,
      role: input.role,
      codeHash: await sha256Hex(code),
      note: input.note ?? null,
      createdBy,
      createdAt: now,
      expiresAt: now + (input.expiresInDays ?? 7) * DAY_MS,
      maxUses: input.maxUses ?? 1,
    })
    .returning();
  return { code, invite: toInvite(row!) };
}

/**
 * Trades an invite code for an account and its bearer token. The use is counted with a
 * conditional UPDATE, so two people racing for the last use cannot both get in.
 */
export async function redeemInvite(
  db: Db,
  code: string,
  label: string | undefined,
  now = Date.now(),
): Promise<{ token: string; accountId: string; communityId: number; role: Role }> {
  const codeHash = await sha256Hex(code);
  const [claimed] = await db
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(
      and(eq(invites.codeHash, codeHash), isNull(invites.revokedAt), gt(invites.expiresAt, now), lt(invites.uses, invites.maxUses)),
    )
    .returning();
  if (!claimed) {
    const [row] = await db.select().from(invites).where(eq(invites.codeHash, codeHash)).limit(1);
    const why = !row
      ? 'This invite code is not valid'
      : row.revokedAt !== null
        ? 'This invite was revoked'
        : row.expiresAt <= now
          ? 'This invite has expired'
          : 'This invite has been used up';
    throw new ApiFailure(400, 'invite_invalid', why);
  }
  const token = newToken();
  const accountId = newId();
  await db.insert(accounts).values({
    id: accountId,
    communityId: claimed.communityId,
    role: claimed.role,
    tokenHash: await sha256Hex(token),
    label: label ?? null,
    inviteId: claimed.id,
    createdAt: now,
  });
  return { token, accountId, communityId: claimed.communityId, role: claimed.role };
}
