import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { accounts, erasures, events, identities, memberDays, memberRisk, memberScores, members, posts } from '../db/schema';
import { chunkForInsert } from './chunk-rows';
import { authorActivity } from './activity';
import { identitiesOf } from './identities';

const inList = (ids: readonly string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** Everything the Worker stores about an account's person, as JSON. */
export async function exportAccount(db: Db, accountId: string) {
  const [account] = await db
    .select({ id: accounts.id, role: accounts.role, label: accounts.label, createdAt: accounts.createdAt, lastSeenAt: accounts.lastSeenAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const ids = await identitiesOf(db, accountId);
  const memberIds = ids.map((i) => i.memberId);
  const [memberRows, events, posts, activity] = await Promise.all([
    db.all(sql`SELECT id, site_id, first_seen_at, last_seen_at FROM members WHERE id IN ${inList(memberIds)}`),
    db.all(
      sql`SELECT id, site_id, member_id, type, ts, received_at, thread_ext_id, post_ext_id, value FROM events WHERE member_id IN ${inList(memberIds)} ORDER BY ts`,
    ),
    db.all(
      sql`SELECT site_id, ext_id, thread_ext_id, author_member_id, post_number, reply_to_number, created_at, like_count FROM posts WHERE author_member_id IN ${inList(memberIds)} ORDER BY created_at`,
    ),
    authorActivity(db, memberIds),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account,
    identities: ids,
    members: memberRows,
    activity: Object.fromEntries(activity),
    events,
    posts,
    note: 'Usernames are not stored in these tables: members are keyed by pseudonyms. The Worker also keeps your username encrypted for the community owner; deleting your data removes it.',
  };
}

/**
 * Deletes a person's data: their events, member rows (with the encrypted name) and the
 * authorship of posts seen on pages, and revokes the account. The pseudonyms are kept
 * in `erasures` so they are not recorded again. Aggregates are computed from these
 * tables, so they reflect the deletion at once.
 */
export async function eraseAccount(db: Db, accountId: string, now = Date.now()) {
  const memberIds = (await identitiesOf(db, accountId)).map((i) => i.memberId);
  const mine = (column: SQLiteColumn) => sql`${column} IN ${inList(memberIds)}`;
  const tombstones = chunkForInsert(memberIds.map((memberId) => ({ memberId, erasedAt: now }))).map((rows) =>
    db.insert(erasures).values(rows).onConflictDoNothing(),
  );
  // Counted before the deletes: D1's meta.changes also counts rows the cache triggers touch.
  const results = await db.batch([
    db.select({ n: count() }).from(events).where(mine(events.memberId)),
    db.select({ n: count() }).from(posts).where(mine(posts.authorMemberId)),
    db.delete(events).where(mine(events.memberId)),
    db.update(posts).set({ authorMemberId: null }).where(mine(posts.authorMemberId)),
    db.delete(identities).where(eq(identities.accountId, accountId)),
    db.delete(members).where(mine(members.id)),
    db.delete(memberDays).where(mine(memberDays.memberId)),
    db.delete(memberRisk).where(mine(memberRisk.memberId)),
    db.delete(memberScores).where(mine(memberScores.memberId)),
    db.update(accounts).set({ revokedAt: now }).where(and(eq(accounts.id, accountId), isNull(accounts.revokedAt))),
    ...tombstones,
  ]);
  const counted = (i: number) => (results[i] as Array<{ n: number }>)[0]?.n ?? 0;
  return { identities: memberIds.length, events: counted(0), posts: counted(1) };
}
