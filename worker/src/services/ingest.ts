import { type SQL, sql } from 'drizzle-orm';
import type { PulseEvent } from '../../../shared/schemas/events';
import type { AccountPrincipal } from '../auth/principal';
import type { Db } from '../db/client';
import { rawBatch, rowsOf } from '../db/raw-batch';
import type { Env } from '../env';
import { ApiFailure } from '../errors';
import { encryptName } from './display-names';
import { accountsOfQuery } from './identities';
import { type EventRow, insertEventStatements, type OriginEventRow, storedCount } from './insert-events';
import { type OriginMemberRow, upsertMembersOfOrigins } from './members';
import { pseudonym } from './pseudonym';

export type { EventRow } from './insert-events';

/** The stored columns of a validated event, but its site. */
function eventColumns(e: PulseEvent, memberId: string | null, receivedAt: number): Omit<EventRow, 'siteId'> {
  return {
    id: e.id.toLowerCase(),
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

/** The stored row of a validated event. */
export function eventRow(e: PulseEvent, siteId: number, memberId: string | null, receivedAt: number): EventRow {
  return { siteId, ...eventColumns(e, memberId, receivedAt) };
}

/**
 * What a batch is checked against, read at the start of its one D1 batch (for the 403
 * answers): the community's sites, and the account each of these pseudonyms is linked to.
 */
function contextReads(communityId: number, memberIds: string[]): SQL[] {
  return [sql`SELECT origin FROM sites WHERE community_id = ${communityId}`, accountsOfQuery(memberIds)];
}

/**
 * The same checks as one SQL condition, for the writes of the same D1 batch: every
 * origin is a site of the community, and no pseudonym is another account's. The writes
 * store nothing unless it holds; the route then answers 403 from the reads.
 */
function checksHold(communityId: number, accountId: string, origins: string[], memberIds: string[]): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(origins)}) o
      WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.community_id = ${communityId} AND s.origin = o.value))
    AND NOT EXISTS (SELECT 1 FROM identities i
      WHERE i.member_id IN (SELECT value FROM json_each(${JSON.stringify(memberIds)})) AND i.account_id <> ${accountId})`;
}

const notErased = (member: SQL) => sql`NOT EXISTS (SELECT 1 FROM erasures e WHERE e.member_id = ${member})`;

/**
 * Stores a validated batch of the caller's events in one D1 batch (one transaction, one
 * round trip): the checks' reads, then the writes, each guarded by the same checks in
 * SQL: the viewer's member rows and identity links, then the events (insert-events.ts: one
 * statement per few hundred rows, one bound parameter each), ON CONFLICT(id) DO NOTHING
 * so a retried batch is stored once. Pseudonyms of erased members are not recorded: their
 * events are stored without a member, and neither a member row nor a link is made.
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
  const names = new Map<string, string>();
  for (const e of batch) {
    const key = `${e.site}\n${e.actor}`;
    if (e.actor === null || actorIds.has(key)) continue;
    const id = await pseudonym(env.PSEUDONYM_KEY, e.site, e.actor);
    actorIds.set(key, id);
    if (!names.has(id)) names.set(id, await encryptName(env.DISPLAY_NAME_KEY, e.actor));
  }
  const memberIds = [...names.keys()];
  const origins = [...new Set(batch.map((e) => e.site))];

  const memberRows: OriginMemberRow[] = [];
  const rows: OriginEventRow[] = [];
  for (const e of batch) {
    const memberId = e.actor === null ? null : actorIds.get(`${e.site}\n${e.actor}`)!;
    if (memberId) {
      const ts = Date.parse(e.ts);
      memberRows.push({ id: memberId, origin: e.site, firstSeenAt: ts, lastSeenAt: ts, displayNameEnc: names.get(memberId)! });
    }
    rows.push({ origin: e.site, ...eventColumns(e, memberId, receivedAt) });
  }

  const checks = checksHold(caller.communityId, caller.accountId, origins, memberIds);
  const reads = contextReads(caller.communityId, memberIds);
  const writes = [
    upsertMembersOfOrigins(memberRows, caller.communityId, sql`${checks} AND ${notErased(sql`m.value ->> 0`)}`),
    sql`INSERT INTO identities (member_id, account_id, linked_at)
      SELECT value, ${caller.accountId}, ${receivedAt} FROM json_each(${JSON.stringify(memberIds)})
      WHERE ${checks} AND ${notErased(sql`value`)}
      ON CONFLICT(member_id) DO NOTHING`,
    ...insertEventStatements(rows, {
      site: sql`(SELECT id FROM sites WHERE community_id = ${caller.communityId} AND origin = value ->> 1)`,
      member: sql`CASE WHEN ${notErased(sql`value ->> 2`)} THEN value ->> 2 END`,
      where: checks,
    }),
  ];
  const results = await rawBatch(db, [...reads, ...writes]);

  const sites = new Set(rowsOf<{ origin: string }>(results[0]).map((r) => r.origin));
  const owners = new Map(rowsOf<{ member_id: string; account_id: string }>(results[1]).map((r) => [r.member_id, r.account_id]));
  batch.forEach((e, i) => {
    if (!sites.has(e.site)) {
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
  return { received: batch.length, stored: storedCount(results.slice(reads.length + 2)) };
}
