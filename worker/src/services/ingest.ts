import type { PulseEvent } from '../../../shared/schemas/events';
import type { AccountPrincipal } from '../auth/principal';
import type { Db } from '../db/client';
import { events, identities } from '../db/schema';
import type { Env } from '../env';
import { ApiFailure } from '../errors';
import { chunkForInsert } from './chunk-rows';
import { sitesOfCommunity } from './communities';
import { encryptName } from './display-names';
import { accountsOf, erasedAmong } from './identities';
import { type MemberRow, upsertMembers } from './members';
import { pseudonym } from './pseudonym';

export type EventRow = typeof events.$inferInsert;

/** The stored row of a validated event. */
export function eventRow(e: PulseEvent, siteId: number, memberId: string | null, receivedAt: number): EventRow {
  return {
    id: e.id.toLowerCase(),
    siteId,
    memberId,
    type: e.type,
    ts: Date.parse(e.ts),
    receivedAt,
    threadExtId: e.thread ?? null,
    postExtId: 'post' in e ? (e.post ?? null) : null,
    value: e.type === 'dwell' ? e.durationMs : 'rank' in e ? e.rank : null,
    props: 'from' in e && e.from !== null ? JSON.stringify({ from: e.from }) : null,
  };
}

/**
 * Stores a validated batch of the caller's events in one D1 batch (one transaction):
 * the viewer's member rows and identity links, then the events in multi-row INSERTs of
 * at most 100 bound parameters, each ON CONFLICT(id) DO NOTHING so a retried batch is
 * stored once.
 *
 * Members post only their own events: every site must be one of their community's, and
 * the viewer (actor) must be a forum identity of theirs; an identity not linked to
 * anyone yet is linked to the caller, one linked to someone else is refused.
 */
export async function storeEvents(
  db: Db,
  env: Pick<Env, 'PSEUDONYM_KEY' | 'DISPLAY_NAME_KEY'>,
  caller: AccountPrincipal,
  batch: readonly PulseEvent[],
  receivedAt: number,
): Promise<{ received: number; stored: number }> {
  const siteRefs = await sitesOfCommunity(
    db,
    caller.communityId,
    batch.map((e, i) => ({ origin: e.site, field: `events.${i}.site` })),
  );

  const actorIds = new Map<string, string>();
  for (const e of batch) {
    const key = `${e.site}\n${e.actor}`;
    if (e.actor !== null && !actorIds.has(key)) actorIds.set(key, await pseudonym(env.PSEUDONYM_KEY, e.site, e.actor));
  }
  const ids = [...new Set(actorIds.values())];
  const [owners, erased] = await Promise.all([accountsOf(db, ids), erasedAmong(db, ids)]);
  batch.forEach((e, i) => {
    const id = e.actor === null ? undefined : actorIds.get(`${e.site}\n${e.actor}`);
    const owner = id ? owners.get(id) : undefined;
    if (owner && owner !== caller.accountId) {
      throw new ApiFailure(403, 'identity_taken', `events.${i}.actor: this forum identity belongs to another member`);
    }
  });

  const memberRows: MemberRow[] = [];
  const rows: EventRow[] = [];
  const names = new Map<string, string>();
  for (const e of batch) {
    const site = siteRefs.get(e.site)!;
    const ts = Date.parse(e.ts);
    let memberId = e.actor === null ? null : actorIds.get(`${e.site}\n${e.actor}`)!;
    if (memberId && erased.has(memberId)) memberId = null;
    if (memberId && e.actor) {
      if (!names.has(memberId)) names.set(memberId, await encryptName(env.DISPLAY_NAME_KEY, e.actor));
      memberRows.push({
        id: memberId,
        siteId: site.id,
        communityId: site.communityId,
        firstSeenAt: ts,
        lastSeenAt: ts,
        displayNameEnc: names.get(memberId)!,
      });
    }
    rows.push(eventRow(e, site.id, memberId, receivedAt));
  }

  const memberStatements = upsertMembers(db, memberRows);
  const linkStatements = [...names.keys()]
    .filter((id) => !owners.has(id))
    .map((memberId) =>
      db.insert(identities).values({ memberId, accountId: caller.accountId, linkedAt: receivedAt }).onConflictDoNothing(),
    );
  const eventStatements = chunkForInsert(rows).map((chunk) => db.insert(events).values(chunk).onConflictDoNothing());
  const [first, ...rest] = [...memberStatements, ...linkStatements, ...eventStatements];
  const results = await db.batch([first!, ...rest]);
  const stored = results
    .slice(memberStatements.length + linkStatements.length)
    .reduce((sum, r) => sum + ((r as { meta?: { changes?: number } }).meta?.changes ?? 0), 0);
  return { received: batch.length, stored };
}
