import type { PulseEvent } from '../../../shared/schemas/events';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import { chunkForInsert } from './chunk-rows';
import { type MemberRow, upsertMembers } from './members';
import { pseudonym } from './pseudonym';
import { resolveSites } from './sites';

export type EventRow = typeof events.$inferInsert;

/**
 * Stores a validated batch of events in one D1 batch (one transaction): the viewers'
 * member rows, then the events in multi-row INSERTs of at most 100 bound parameters,
 * each ON CONFLICT(id) DO NOTHING so a retried batch is stored once.
 */
export async function storeEvents(
  db: Db,
  secret: string | undefined,
  batch: readonly PulseEvent[],
  receivedAt: number,
): Promise<{ received: number; stored: number }> {
  const siteRefs = await resolveSites(db, new Map(batch.map((e) => [e.site, 'unknown'])));

  const memberIds = new Map<string, string>();
  const memberRows: MemberRow[] = [];
  const rows: EventRow[] = [];
  for (const e of batch) {
    const site = siteRefs.get(e.site)!;
    const ts = Date.parse(e.ts);
    let memberId: string | null = null;
    if (e.actor !== null) {
      const key = `${e.site}\n${e.actor}`;
      memberId = memberIds.get(key) ?? (await pseudonym(secret, e.site, e.actor));
      memberIds.set(key, memberId);
      memberRows.push({ id: memberId, siteId: site.id, communityId: site.communityId, firstSeenAt: ts, lastSeenAt: ts });
    }
    rows.push({
      id: e.id.toLowerCase(),
      siteId: site.id,
      memberId,
      type: e.type,
      ts,
      receivedAt,
      threadExtId: e.thread ?? null,
      postExtId: 'post' in e ? (e.post ?? null) : null,
      value: e.type === 'dwell' ? e.durationMs : null,
      props: null,
    });
  }

  const memberStatements = upsertMembers(db, memberRows);
  const eventStatements = chunkForInsert(rows).map((chunk) => db.insert(events).values(chunk).onConflictDoNothing());
  const [first, ...rest] = [...memberStatements, ...eventStatements];
  const results = await db.batch([first!, ...rest]);
  const stored = results
    .slice(memberStatements.length)
    .reduce((sum, r) => sum + ((r as { meta?: { changes?: number } }).meta?.changes ?? 0), 0);
  return { received: batch.length, stored };
}
