import { and, desc, eq, sql } from 'drizzle-orm';
import {
  buildContentIndex,
  type CatalogueItem,
  type ContentIndex,
  type Interaction,
  type InteractionKind,
  neighboursFromRows,
  recommend,
} from '../../../shared/recommender';
import type { RecommendationsResponse } from '../../../shared/schemas/recommendations';
import type { Db } from '../db/client';
import { threads } from '../db/schema';

/** Newest threads considered per request. */
const CATALOGUE_SIZE = 2_000;
const KIND: Record<string, InteractionKind> = { page_view: 'view', post_seen: 'view', dwell: 'view', like: 'like', reply: 'reply', rec_click: 'view' };

/** Content vectors per site, kept while the catalogue does not change (one isolate's memory). */
const contentCache = new Map<string, { version: string; index: ContentIndex }>();

/**
 * Ten threads for one member on one site, each with its reason: from the member's own
 * reading (their pseudonyms on the site), the site's catalogue (threads seen on pages),
 * the neighbours precomputed by the scheduled handler, and popularity and recency.
 * Threads the member read or dismissed are left out.
 */
export async function recommendationsFor(
  db: Db,
  input: { siteId: number; memberIds: string[]; current: string | null; k: number; now?: number },
): Promise<RecommendationsResponse> {
  const now = input.now ?? Date.now();
  const ids = JSON.stringify(input.memberIds);
  const [catalogueRows, historyRows] = await Promise.all([
    db
      .select({
        id: threads.extId,
        title: threads.title,
        url: threads.url,
        tags: threads.tags,
        createdAt: sql<number>`coalesce(${threads.createdAt}, ${threads.firstSeenAt})`,
        replies: threads.replyCount,
        likes: threads.likeCount,
        updatedAt: threads.updatedAt,
      })
      .from(threads)
      .where(and(eq(threads.siteId, input.siteId), sql`${threads.title} IS NOT NULL`))
      .orderBy(desc(sql`coalesce(${threads.createdAt}, ${threads.firstSeenAt})`))
      .limit(CATALOGUE_SIZE),
    db.all<{ thread: string; ts: number; type: string }>(sql`
      SELECT thread_ext_id AS thread, max(ts) AS ts, type FROM events
      WHERE site_id = ${input.siteId} AND thread_ext_id IS NOT NULL
        AND member_id IN (SELECT value FROM json_each(${ids}))
      GROUP BY thread_ext_id, type ORDER BY ts DESC LIMIT 1000`),
  ]);
  const dismissed = new Set(historyRows.filter((r) => r.type === 'rec_dismiss').map((r) => r.thread));
  const history: Interaction[] = historyRows
    .filter((r) => r.type !== 'rec_dismiss' && r.type !== 'rec_impression')
    .map((r) => ({ user: 'me', item: r.thread, ts: r.ts, kind: KIND[r.type] ?? 'view' }));
  const read = [...new Set(history.map((h) => h.item))];
  const neighbourRows = read.length
    ? await db.all<{ item: string; neighbour: string; rank: number; score: number }>(sql`
        SELECT item, neighbour, rank, score FROM thread_neighbours
        WHERE site_id = ${input.siteId} AND item IN (SELECT value FROM json_each(${JSON.stringify(read)}))`)
    : [];

  const catalogue: CatalogueItem[] = catalogueRows.map((r) => ({
    id: r.id,
    title: r.title ?? '',
    tags: r.tags ?? [],
    createdAt: r.createdAt,
    replies: r.replies ?? undefined,
    likes: r.likes ?? undefined,
  }));
  const version = `${catalogueRows.length}:${Math.max(0, ...catalogueRows.map((r) => r.updatedAt))}`;
  const cacheKey = String(input.siteId);
  let content = contentCache.get(cacheKey);
  if (content?.version !== version) {
    content = { version, index: buildContentIndex(catalogue) };
    contentCache.set(cacheKey, content);
  }

  const picks = recommend({
    user: 'me',
    history,
    catalogue,
    neighbours: neighboursFromRows(neighbourRows),
    content: content.index,
    ...(input.current ? { current: input.current } : {}),
    exclude: dismissed,
    now,
    k: input.k,
  });
  const byId = new Map(catalogueRows.map((r) => [r.id, r]));
  return {
    generatedAt: new Date(now).toISOString(),
    items: picks.map((p) => {
      const t = byId.get(p.item)!;
      const ref = p.reason.ref;
      return {
        thread: p.item,
        title: t.title ?? '',
        url: t.url,
        tags: t.tags ?? [],
        score: p.score,
        reason: { kind: p.reason.kind, ref: ref ?? null, refTitle: ref ? (byId.get(ref)?.title ?? null) : null },
      };
    }),
  };
}
