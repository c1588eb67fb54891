import { eq, type SQL, sql } from 'drizzle-orm';
import { communityEngagement, DAY_MS, type EngagementEvent } from '../../../shared/metrics';
import type { Engagement } from '../../../shared/schemas/engagement';
import type { Db } from '../db/client';
import { memberScores } from '../db/schema';
import { type DayRow, dayRows } from './churn';
import { chunkForInsert } from './chunk-rows';

const WINDOW_DAYS = 180;

export function engagementEvents(rows: readonly DayRow[]): EngagementEvent[] {
  const out: EngagementEvent[] = [];
  for (const r of rows) {
    const ts = r.day * DAY_MS;
    const add = (kind: EngagementEvent['kind'], amount: number) => amount > 0 && out.push({ memberId: r.member_id, ts, kind, amount });
    add('view', r.views + r.seen);
    add('reading', r.reading_ms);
    add('like_given', r.likes_given);
    add('like_received', r.likes_received);
    add('reply', r.replies + r.posts);
    add('topic', r.topics);
  }
  return out;
}

/**
 * Scores every member of a community against the community's own distribution
 * (shared/metrics/engagement.ts: recency-weighted, normalised per component), with level
 * and trend, from the last 180 days of rollups; churn risks from the cron's model feed
 * the "at risk" level. Replaces the community's stored scores.
 */
export async function refreshScores(db: Db, communityId: number, now = Date.now()): Promise<number> {
  const [rows, risks] = await Promise.all([
    dayRows(db, communityId, Math.floor(now / DAY_MS) - WINDOW_DAYS),
    db.all<{ member_id: string; risk: number }>(sql`SELECT member_id, risk FROM member_risk WHERE community_id = ${communityId}`),
  ]);
  const firstSeen = await db.all<{ id: string; first_seen_at: number }>(
    sql`SELECT id, first_seen_at FROM members WHERE community_id = ${communityId}`,
  );
  const scored = communityEngagement(engagementEvents(rows), {
    at: now,
    joinedAt: new Map(firstSeen.map((m) => [m.id, m.first_seen_at])),
    churnRisk: new Map(risks.map((r) => [r.member_id, r.risk])),
  });
  const out = [...scored].map(([memberId, e]) => ({
    memberId,
    communityId,
    score: e.score,
    level: e.level,
    trendDirection: e.trend.direction,
    trendDelta: e.trend.delta,
    components: e.components.map((c) => ({ key: c.key, value: c.count, normalised: c.normalised, weight: c.weight, points: c.points })),
    computedAt: now,
  }));
  await db.batch([
    db.delete(memberScores).where(eq(memberScores.communityId, communityId)),
    ...chunkForInsert(out).map((chunk) => db.insert(memberScores).values(chunk)),
  ]);
  return out.length;
}

export type StoredEngagement = Pick<Engagement, 'score' | 'level' | 'components' | 'basis' | 'trend' | 'churn'>;

interface StoredRow {
  member_id: string;
  score: number;
  level: Engagement['level'];
  trend_direction: 'up' | 'down' | 'flat' | 'new';
  trend_delta: number | null;
  components: string;
  risk: number | null;
  reasons: string | null;
}

/** The query behind storedEngagement, for a D1 batch; decode its rows with decodeStoredEngagement. */
export function storedEngagementSql(memberIds: readonly string[]): SQL {
  const ids = JSON.stringify([...new Set(memberIds)]);
  return sql`
    SELECT s.member_id, s.score, s.level, s.trend_direction, s.trend_delta, s.components, r.risk, r.reasons
    FROM member_scores s LEFT JOIN member_risk r ON r.member_id = s.member_id
    WHERE s.member_id IN (SELECT value FROM json_each(${ids}))`;
}

/** Stored scores (and, for moderators, churn risks) of some members, as the badge shows them. */
export async function storedEngagement(db: Db, memberIds: readonly string[], withChurn: boolean): Promise<Map<string, StoredEngagement>> {
  return decodeStoredEngagement(await db.all<StoredRow>(storedEngagementSql(memberIds)), withChurn);
}

export function decodeStoredEngagement(rowsIn: readonly unknown[], withChurn: boolean): Map<string, StoredEngagement> {
  const rows = rowsIn as StoredRow[];
  return new Map(
    rows.map((r) => [
      r.member_id,
      {
        score: r.score,
        level: r.level,
        components: JSON.parse(r.components),
        basis: 'community' as const,
        trend: { direction: r.trend_direction, delta: r.trend_delta },
        churn:
          withChurn && r.risk !== null
            ? {
                risk: r.risk,
                reasons: (JSON.parse(r.reasons ?? '[]') as Array<Record<string, unknown>>).map((x) => ({
                  feature: String(x.feature),
                  direction: x.direction === 'lowers' ? ('lowers' as const) : ('raises' as const),
                  value: Number(x.value),
                  typical: Number(x.typical),
                })),
              }
            : null,
      },
    ]),
  );
}
