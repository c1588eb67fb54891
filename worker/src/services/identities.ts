import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { identities, members, sites } from '../db/schema';

/** The forum identities (pseudonyms) linked to an account. */
export async function identitiesOf(db: Db, accountId: string): Promise<Array<{ memberId: string; origin: string }>> {
  return db
    .select({ memberId: identities.memberId, origin: sites.origin })
    .from(identities)
    .innerJoin(members, eq(members.id, identities.memberId))
    .innerJoin(sites, eq(sites.id, members.siteId))
    .where(eq(identities.accountId, accountId));
}

/** The query of accountsOf (rows member_id, account_id), for a batch of reads. */
export function accountsOfQuery(memberIds: readonly string[]) {
  return sql`SELECT member_id, account_id FROM identities
    WHERE member_id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(memberIds)])}))`;
}

/** The query of erasedAmong (rows member_id). */
export function erasedAmongQuery(memberIds: readonly string[]) {
  return sql`SELECT member_id FROM erasures
    WHERE member_id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(memberIds)])}))`;
}

/** Which account each of these pseudonyms is linked to (absent: none). */
export async function accountsOf(db: Db, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db.all<{ member_id: string; account_id: string }>(accountsOfQuery(memberIds));
  return new Map(rows.map((r) => [r.member_id, r.account_id]));
}

/** Pseudonyms of people who deleted their data: never recorded again. */
export async function erasedAmong(db: Db, memberIds: readonly string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db.all<{ member_id: string }>(erasedAmongQuery(memberIds));
  return new Set(rows.map((r) => r.member_id));
}
