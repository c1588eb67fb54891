import type { z } from 'zod';
import type { importBatchSchema, ImportResult } from '../../../shared/schemas/import';
import type { Db } from '../db/client';
import { rawBatch } from '../db/raw-batch';
import type { Env } from '../env';
import { postUpserts, type PostRow, threadUpsert } from './catalogue';
import type { SiteRef } from './communities';
import { encryptName } from './display-names';
import { erasedAmong } from './identities';
import { eventRow } from './ingest';
import { insertEventStatements, storedCount } from './insert-events';
import { type MemberRow, upsertMembers } from './members';
import { pseudonyms } from './pseudonym';

type Batch = z.infer<typeof importBatchSchema>;
const toMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/**
 * Stores one import batch in one D1 batch: threads (placeholders for threads only
 * referenced by posts), members (pseudonyms, encrypted names; never linked to an
 * account), posts, and events once by id. People who deleted their data stay deleted.
 */
export async function importBatch(
  db: Db,
  env: Pick<Env, 'PSEUDONYM_KEY' | 'DISPLAY_NAME_KEY'>,
  site: SiteRef,
  origin: string,
  batch: Batch,
  now = Date.now(),
): Promise<ImportResult> {
  const names = new Set<string>();
  for (const p of batch.posts) if (p.author) names.add(p.author);
  for (const e of batch.events) if (e.actor) names.add(e.actor);
  const all = await pseudonyms(env.PSEUDONYM_KEY, origin, names);
  const erased = await erasedAmong(db, [...all.values()]);
  const ids = new Map([...all].filter(([, id]) => !erased.has(id)));

  const firstSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  const saw = (name: string | null, ts: number | null) => {
    const id = name ? ids.get(name) : undefined;
    if (!id || ts === null || !Number.isFinite(ts)) return;
    firstSeen.set(id, Math.min(firstSeen.get(id) ?? ts, ts));
    lastSeen.set(id, Math.max(lastSeen.get(id) ?? ts, ts));
  };
  for (const p of batch.posts) saw(p.author, toMs(p.createdAt));
  for (const e of batch.events) saw(e.actor, Date.parse(e.ts));
  const memberRows: MemberRow[] = [];
  for (const [name, id] of ids) {
    if (!firstSeen.has(id)) continue;
    memberRows.push({
      id,
      siteId: site.id,
      communityId: site.communityId,
      firstSeenAt: firstSeen.get(id)!,
      lastSeenAt: lastSeen.get(id)!,
      displayNameEnc: await encryptName(env.DISPLAY_NAME_KEY, name),
    });
  }

  const listed = new Set(batch.threads.map((t) => t.id));
  const placeholders = [...new Set(batch.posts.map((p) => p.thread))].filter((t) => !listed.has(t));
  const threadStatements = [
    ...batch.threads.map((t) => threadUpsert(db, site, t, now)),
    ...placeholders.map((id) =>
      threadUpsert(db, site, { id, title: null, url: null, category: null, createdAt: null, tags: [], replyCount: null, likeCount: null, viewCount: null }, now),
    ),
  ];
  const postRows: PostRow[] = [...new Map(batch.posts.map((p) => [p.id, p])).values()].map((p) => ({
    siteId: site.id,
    extId: p.id,
    threadExtId: p.thread,
    authorMemberId: p.author ? (ids.get(p.author) ?? null) : null,
    postNumber: p.number,
    replyToNumber: p.replyToNumber,
    createdAt: toMs(p.createdAt),
    likeCount: p.likeCount,
    firstSeenAt: now,
    updatedAt: now,
  }));
  const eventRows = batch.events.map((e) => eventRow(e, site.id, e.actor ? (ids.get(e.actor) ?? null) : null, now));
  const eventStatements = insertEventStatements(eventRows);

  const statements = [...threadStatements, ...upsertMembers(db, memberRows), ...postUpserts(db, postRows), ...eventStatements];
  let stored = 0;
  if (statements.length > 0) {
    const [first, ...rest] = statements;
    const results = await rawBatch(db, [first!, ...rest]);
    stored = storedCount(results.slice(statements.length - eventStatements.length));
  }
  return { threads: batch.threads.length + placeholders.length, posts: postRows.length, events: { received: eventRows.length, stored } };
}
