import { sql } from 'drizzle-orm';
import {
  buildContentIndex,
  type CatalogueItem,
  type ContentIndex,
  type Interaction,
  type InteractionKind,
  type NeighbourRow,
  neighboursFromRows,
  recommend,
} from '../../../shared/recommender';
import type { RecommendationsResponse } from '../../../shared/schemas/recommendations';
import type { Db } from '../db/client';
import { rawBatch, rowsOf } from '../db/raw-batch';

/** Newest threads considered per request. */
const CATALOGUE_SIZE = 2_000;
const KIND: Record<string, InteractionKind> = { page_view: 'view', post_seen: 'view', dwell: 'view', like: 'like', reply: 'reply', rec_click: 'view' };

interface CatalogueRow {
  id: string;
  title: string | null;
  url: string | null;
  tags: string | null;
  createdAt: number;
  replies: number | null;
  likes: number | null;
}

interface CachedCatalogue {
  version: string;
  rows: CatalogueRow[];
  byId: Map<string, CatalogueRow>;
  items: CatalogueItem[];
  index: ContentIndex;
}

/**
 * The catalogue and its content vectors per site, kept in the isolate's memory while the
 * catalogue does not change (its version: titled threads and their latest update).
 */
const catalogueCache = new Map<number, CachedCatalogue>();

async function catalogueOf(db: Db, siteId: number, version: string): Promise<CachedCatalogue> {
  const cached = catalogueCache.get(siteId);
  if (cached?.version === version) return cached;
  const rows = await db.all<CatalogueRow>(sql`
    SELECT ext_id AS id, title, url, tags, coalesce(created_at, first_seen_at) AS createdAt, reply_count AS replies, like_count AS likes
    FROM threads WHERE site_id = ${siteId} AND title IS NOT NULL
    ORDER BY coalesce(created_at, first_seen_at) DESC LIMIT ${CATALOGUE_SIZE}`);
  const items: CatalogueItem[] = rows.map((r) => ({
    id: r.id,
    title: r.title ?? '',
    tags: parseTags(r.tags),
    createdAt: r.createdAt,
    replies: r.replies ?? undefined,
    likes: r.likes ?? undefined,
  }));
  const fresh = { version, rows, byId: new Map(rows.map((r) => [r.id, r])), items, index: buildContentIndex(items) };
  catalogueCache.set(siteId, fresh);
  return fresh;
}

/**
 * The rows of a `SELECT json_group_array(json_array(...)) AS rows` statement. Long answers
 * (a member who read 200 threads has 200 history rows and thousands of neighbour rows)
 * come back as one row of JSON: D1 hands rows over one by one, at several times the cost.
 */
function unpack<T extends unknown[]>(result: Parameters<typeof rowsOf>[0]): T[] {
  return JSON.parse(rowsOf<{ rows: string }>(result)[0]?.rows ?? '[]') as T[];
}

function parseTags(text: string | null): string[] {
  if (!text) return [];
  try {
    const tags: unknown = JSON.parse(text);
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Ten threads for the caller on one of their community's sites, each with its reason:
 * from their own reading there (their pseudonyms on the site), the site's catalogue
 * (threads seen on pages), the neighbours precomputed by the scheduled handler, and
 * popularity and recency. Threads the member read or dismissed are left out.
 *
 * One D1 round trip (the site, the catalogue's version, the member's history and the
 * neighbours of what they read, all keyed by subqueries), plus one to reload the
 * catalogue when it changed. Returns null when the origin is not a site of the community.
 */
export async function recommendationsFor(
  db: Db,
  input: { communityId: number; accountId: string; origin: string; current: string | null; k: number; now?: number },
): Promise<RecommendationsResponse | null> {
  const now = input.now ?? Date.now();
  const site = sql`(SELECT id FROM sites WHERE community_id = ${input.communityId} AND origin = ${input.origin})`;
  const mine = sql`(SELECT i.member_id FROM identities i JOIN members m ON m.id = i.member_id WHERE i.account_id = ${input.accountId} AND m.site_id = ${site})`;
  const [siteRes, versionRes, historyRes, neighbourRes] = await rawBatch(db, [
    sql`SELECT ${site} AS id`,
    sql`SELECT count(*) AS n, coalesce(max(updated_at), 0) AS v FROM threads WHERE site_id = ${site} AND title IS NOT NULL`,
    // A pseudonym belongs to one site, so the member constraint alone keys the history:
    // with a site_id constraint too, SQLite may scan the site's events by its index.
    sql`SELECT json_group_array(json_array(thread, ts, type)) AS rows FROM (
      SELECT thread_ext_id AS thread, max(ts) AS ts, type FROM events
      WHERE member_id IN ${mine} AND thread_ext_id IS NOT NULL
      GROUP BY thread_ext_id, type ORDER BY ts DESC LIMIT 1000)`,
    sql`SELECT json_group_array(json_array(item, neighbour, rank, score)) AS rows FROM thread_neighbours
      WHERE site_id = ${site} AND item IN (
        SELECT DISTINCT thread_ext_id FROM events
        WHERE member_id IN ${mine} AND thread_ext_id IS NOT NULL AND type NOT IN ('rec_dismiss', 'rec_impression'))`,
  ]);
  const siteId = rowsOf<{ id: number | null }>(siteRes)[0]?.id;
  if (siteId === null || siteId === undefined) return null;
  const v = rowsOf<{ n: number; v: number }>(versionRes)[0];
  const catalogue = await catalogueOf(db, siteId, `${v?.n ?? 0}:${v?.v ?? 0}`);

  const historyRows = unpack<[string, number, string]>(historyRes).map(([thread, ts, type]) => ({ thread, ts, type }));
  const dismissed = new Set(historyRows.filter((r) => r.type === 'rec_dismiss').map((r) => r.thread));
  const history: Interaction[] = historyRows
    .filter((r) => r.type !== 'rec_dismiss' && r.type !== 'rec_impression')
    .map((r) => ({ user: 'me', item: r.thread, ts: r.ts, kind: KIND[r.type] ?? 'view' }));
  const neighbourRows: NeighbourRow[] = unpack<[string, string, number, number]>(neighbourRes).map(([item, neighbour, rank, score]) => ({
    item,
    neighbour,
    rank,
    score,
  }));

  const picks = recommend({
    user: 'me',
    history,
    catalogue: catalogue.items,
    neighbours: neighboursFromRows(neighbourRows),
    content: catalogue.index,
    ...(input.current ? { current: input.current } : {}),
    exclude: dismissed,
    now,
    k: input.k,
  });
  const byId = catalogue.byId;
  return {
    generatedAt: new Date(now).toISOString(),
    items: picks.map((p) => {
      const t = byId.get(p.item)!;
      const ref = p.reason.ref;
      return {
        thread: p.item,
        title: t.title ?? '',
        url: t.url,
        tags: parseTags(t.tags),
        score: p.score,
        reason: { kind: p.reason.kind, ref: ref ?? null, refTitle: ref ? (byId.get(ref)?.title ?? null) : null },
      };
    }),
  };
}
