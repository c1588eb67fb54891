import { eq, sql } from 'drizzle-orm';
import { type ChurnEvent, indexHistories, type ChurnModel, predictMembers, trainChurnModel } from '../../../shared/churn';
import { DAY_MS } from '../../../shared/metrics';
import type { Db } from '../db/client';
import { churnModels, memberRisk } from '../db/schema';
import { chunkForInsert } from './chunk-rows';

/** Members with history needed before a model is worth training. */
export const MIN_MEMBERS = 20;
const HISTORY_DAYS = 365;

export interface DayRow {
  member_id: string;
  day: number;
  views: number;
  seen: number;
  reading_ms: number;
  likes_given: number;
  replies: number;
  topics: number;
  posts: number;
  likes_received: number;
  replies_received: number;
}

/** Daily rollup rows as the churn model's events (a row per kind with its count). */
export function churnEvents(rows: readonly DayRow[]): ChurnEvent[] {
  const out: ChurnEvent[] = [];
  for (const r of rows) {
    const ts = r.day * DAY_MS;
    const push = (kind: ChurnEvent['kind'], amount: number) => amount > 0 && out.push({ memberId: r.member_id, ts, kind, amount });
    push('view', r.views + r.seen);
    push('reading', r.reading_ms);
    push('like_given', r.likes_given);
    push('reply', r.replies + r.posts);
    push('topic', r.topics);
    push('like_received', r.likes_received);
    push('reply_received', r.replies_received);
  }
  return out;
}

export async function dayRows(db: Db, communityId: number, fromDay: number): Promise<DayRow[]> {
  return db.all<DayRow>(sql`
    SELECT member_id, day, SUM(views) AS views, SUM(seen) AS seen, SUM(reading_ms) AS reading_ms, SUM(likes_given) AS likes_given,
           SUM(replies) AS replies, SUM(topics) AS topics, SUM(posts) AS posts, SUM(likes_received) AS likes_received,
           SUM(replies_received) AS replies_received
    FROM member_days WHERE community_id = ${communityId} AND day >= ${fromDay}
    GROUP BY member_id, day`);
}

/**
 * Retrains the community's churn model on its own daily rollups (the last year) and
 * stores every active member's risk with its top reasons. Too little history: no model,
 * and any old risks are cleared rather than left stale.
 */
export async function refreshChurn(db: Db, communityId: number, now = Date.now()): Promise<{ members: number; model: ChurnModel | null }> {
  const rows = await dayRows(db, communityId, Math.floor(now / DAY_MS) - HISTORY_DAYS);
  const histories = [...indexHistories(churnEvents(rows)).values()];
  const clear = db.delete(memberRisk).where(eq(memberRisk.communityId, communityId));
  if (histories.length < MIN_MEMBERS) {
    await clear;
    return { members: 0, model: null };
  }
  const model = trainChurnModel(histories, { now });
  const predictions = predictMembers(model, histories, now);
  const riskRows = [...predictions].map(([memberId, p]) => ({ memberId, communityId, risk: p.risk, reasons: p.reasons, computedAt: now }));
  await db.batch([
    clear,
    db.insert(churnModels).values({ communityId, trainedAt: now, model }).onConflictDoUpdate({
      target: churnModels.communityId,
      set: { trainedAt: now, model },
    }),
    ...chunkForInsert(riskRows).map((chunk) => db.insert(memberRisk).values(chunk)),
  ]);
  return { members: riskRows.length, model };
}
