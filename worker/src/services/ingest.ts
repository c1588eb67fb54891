import { sql } from 'drizzle-orm';
import type { PulseEvent } from '../../../shared/schemas/events';
import type { AccountPrincipal } from '../auth/principal';
import type { Db } from '../db/client';
import { rawBatch, rowsOf } from '../db/raw-batch';
import { identities } from '../db/schema';
import type { Env } from '../env';
import { ApiFailure } from '../errors';
import type { SiteRef } from './communities';
import { encryptName } from './display-names';
import { accountsOfQuery, erasedAmongQuery } from './identities';
import { type EventRow, insertEventStatements, storedCount } from './insert-events';

import { type MemberRow, upsertMembers } from './members';
import { pseudonym } from './pseudonym';

export type { EventRow } from './insert-events';

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
 * What a batch is checked against, read in one D1 round trip: the community's sites by
 * origin, the account each of these pseudonyms is linked to, and which were erased.
 */
async function ingestContext(db: Db, communityId: number, memberIds: string[]) {
  const [siteRows, ownerRows, erasedRows] = await rawBatch(db, [
    sql`SELECT id, origin, community_id AS communityId FROM sites WHERE community_id = ${communityId}`,
    accountsOfQuery(memberIds),
    erasedAmongQuery(memberIds),
  ]);
  return {
    siteRefs: new Map(rowsOf<{ id: number; origin: string; communityId: number }>(siteRows).map((r) => [r.origin, { id: r.id, communityId: r.communityId } satisfies SiteRef])),
    owners: new Map(rowsOf<{ member_id: string; account_id: string }>(ownerRows).map((r) => [r.member_id, r.account_id])),
    erased: new Set(rowsOf<{ member_id: string }>(erasedRows).map((r) => r.member_id)),
  };
}

/**
 * Stores a validated batch of the caller's events in one D1 batch (one transaction):
 * the viewer's member rows and identity links, then the events (insert-events.ts: one
 * statement per few hundred rows, one bound parameter each), ON CONFLICT(id) DO NOTHING
 * so a retried batch is stored once.
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
  const actorIds = new Map<string, string>();
  for (const e of batch) {
    const key = `${e.site}\n${e.actor}`;
    if (e.actor !== null && !actorIds.has(key)) actorIds.set(key, await pseudonym(env.PSEUDONYM_KEY, e.site, e.actor));
  }
  const { siteRefs, owners, erased } = await ingestContext(db, caller.communityId, [...new Set(actorIds.values())]);
  batch.forEach((e, i) => {
    if (!siteRefs.has(e.site)) {
      throw new ApiFailure(403, 'site_not_in_community', `events.${i}.site: ${e.site} is not a site of your community`);
    }
  });
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
  const eventStatements = insertEventStatements(db, rows);
  const [first, ...rest] = [...memberStatements, ...linkStatements, ...eventStatements];
  const results = await rawBatch(db, [first!, ...rest]);
  const stored = storedCount(results.slice(memberStatements.length + linkStatements.length));
  return { received: batch.length, stored };
}
