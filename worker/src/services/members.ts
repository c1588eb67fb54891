import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { members } from '../db/schema';
import { chunkForInsert } from './chunk-rows';

export type MemberRow = typeof members.$inferInsert;

/**
 * Statements that insert members or widen their first/last seen window.
 * Rows with the same id are merged first.
 */
export function upsertMembers(db: Db, rows: Iterable<MemberRow>) {
  // Every row binds the same columns, so chunks are sized by the real column count.
  const merged = new Map<string, MemberRow>();
  for (const row of rows) {
    const prev = merged.get(row.id);
    merged.set(
      row.id,
      prev
        ? {
            ...prev,
            firstSeenAt: Math.min(prev.firstSeenAt, row.firstSeenAt),
            lastSeenAt: Math.max(prev.lastSeenAt, row.lastSeenAt),
          }
        : { displayNameEnc: null, ...row },
    );
  }
  return chunkForInsert([...merged.values()]).map((chunk) =>
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
        // A member seen again within their known window is not rewritten.
        setWhere: sql.raw(
          'excluded.first_seen_at < members.first_seen_at OR excluded.last_seen_at > members.last_seen_at OR (members.display_name_enc IS NULL AND excluded.display_name_enc IS NOT NULL)',
        ),
      }),
  );
}
