import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { members } from '../db/schema';
import { chunkForInsert } from './chunk-rows';

export type MemberRow = typeof members.$inferInsert;

/** Rows with the same id merged into one: the widest seen window, the first name given. */
export function mergeMembers<T extends { id: string; firstSeenAt: number; lastSeenAt: number }>(rows: Iterable<T>): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const prev = merged.get(row.id);
    merged.set(
      row.id,
      prev ? { ...prev, firstSeenAt: Math.min(prev.firstSeenAt, row.firstSeenAt), lastSeenAt: Math.max(prev.lastSeenAt, row.lastSeenAt) } : row,
    );
  }
  return [...merged.values()];
}

/** A member seen again within their known window is not rewritten. */
const WIDENS = sql.raw(
  'excluded.first_seen_at < members.first_seen_at OR excluded.last_seen_at > members.last_seen_at OR (members.display_name_enc IS NULL AND excluded.display_name_enc IS NOT NULL)',
);

/**
 * Statements that insert members or widen their first/last seen window.
 * Rows with the same id are merged first.
 */
export function upsertMembers(db: Db, rows: Iterable<MemberRow>) {
  // Every row binds the same columns, so chunks are sized by the real column count.
  const merged = mergeMembers([...rows].map((row) => ({ displayNameEnc: null, ...row })));
  return chunkForInsert(merged).map((chunk) =>
    db
      .insert(members)
      .values(chunk)
      .onConflictDoUpdate({
        target: members.id,
        set: {
          firstSeenAt: sql`min(${members.firstSeenAt}, excluded.first_seen_at)`,
          lastSeenAt: sql`max(${members.lastSeenAt}, excluded.last_seen_at)`,
          displayNameEnc: sql`coalesce(${members.displayNameEnc}, excluded.display_name_enc)`,
        },
        setWhere: WIDENS,
      }),
  );
}

/** A member of a site known by its origin, for `upsertMembersOfOrigins`. */
export interface OriginMemberRow {
  id: string;
  origin: string;
  firstSeenAt: number;
  lastSeenAt: number;
  displayNameEnc: string | null;
}

/**
 * `upsertMembers` as one statement for the ingest route: the site of each row resolved
 * from its origin among community `communityId`'s sites, and only the rows `where` (a
 * condition on `m.value`, the row) allows.
 */
export function upsertMembersOfOrigins(rows: Iterable<OriginMemberRow>, communityId: number, where: SQL): SQL {
  const json = JSON.stringify(mergeMembers(rows).map((r) => [r.id, r.origin, r.firstSeenAt, r.lastSeenAt, r.displayNameEnc]));
  return sql`INSERT INTO members (id, site_id, community_id, first_seen_at, last_seen_at, display_name_enc)
    SELECT m.value ->> 0, s.id, s.community_id, m.value ->> 2, m.value ->> 3, m.value ->> 4
    FROM json_each(${json}) m JOIN sites s ON s.community_id = ${communityId} AND s.origin = m.value ->> 1
    WHERE ${where}
    ON CONFLICT(id) DO UPDATE SET
      first_seen_at = min(members.first_seen_at, excluded.first_seen_at),
      last_seen_at = max(members.last_seen_at, excluded.last_seen_at),
      display_name_enc = coalesce(members.display_name_enc, excluded.display_name_enc)
    WHERE ${WIDENS}`;
}
