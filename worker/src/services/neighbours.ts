import { eq, sql } from 'drizzle-orm';
import { buildNeighbours, type Interaction, type InteractionKind, neighboursToRows } from '../../../shared/recommender';
import type { Db } from '../db/client';
import { threadNeighbours } from '../db/schema';
import { chunkForInsert } from './chunk-rows';

const KIND: Record<string, InteractionKind> = { page_view: 'view', post_seen: 'view', dwell: 'view', like: 'like', reply: 'reply', rec_click: 'view' };
/** Most recent reading events used per site: bounds the precompute's CPU (≈1 s per 100k). */
export const MAX_EVENTS = 100_000;
const WINDOW_MS = 180 * 86_400_000;

/**
 * Recomputes one site's thread neighbours (co-visitation: threads read by the same
 * members) from the last 180 days of reading, and replaces the stored rows in one batch.
 * Run by the scheduled handler.
 */
export async function recomputeNeighbours(db: Db, siteId: number, now = Date.now()): Promise<{ events: number; rows: number }> {
  const rows = await db.all<{ member_id: string; thread_ext_id: string; ts: number; type: string }>(sql`
    SELECT member_id, thread_ext_id, ts, type FROM events
    WHERE site_id = ${siteId} AND member_id IS NOT NULL AND thread_ext_id IS NOT NULL
      AND type IN ('page_view', 'post_seen', 'like', 'reply', 'rec_click') AND ts >= ${now - WINDOW_MS}
    ORDER BY ts DESC LIMIT ${MAX_EVENTS}`);
  const interactions: Interaction[] = rows.map((r) => ({ user: r.member_id, item: r.thread_ext_id, ts: r.ts, kind: KIND[r.type] ?? 'view' }));
  const neighbours = buildNeighbours(interactions, { k: 20 });
  const out = neighboursToRows(neighbours).map((r) => ({ siteId, item: r.item, rank: r.rank, neighbour: r.neighbour, score: r.score, computedAt: now }));
  const inserts = chunkForInsert(out).map((chunk) => db.insert(threadNeighbours).values(chunk));
  await db.batch([db.delete(threadNeighbours).where(eq(threadNeighbours.siteId, siteId)), ...inserts]);
  return { events: rows.length, rows: out.length };
}
