import { eq, sql } from 'drizzle-orm';
import {
  type ActivityEvent,
  activeUsers,
  activityIndexSeries,
  cohortRetention,
  communityEngagement,
  communityPostQuality,
  authorQuality,
  DAY_MS,
  type MemberJoin,
} from '../../../shared/metrics';
import type { DashboardResponse } from '../../../shared/schemas/dashboard';
import type { Db } from '../db/client';
import { members, sites } from '../db/schema';
import type { Community } from '../../../shared/schemas/auth';
import { dayRows, type DayRow } from './churn';
import { engagementEvents } from './scores';
import { decryptName } from './display-names';

const COHORT_WEEKS = 12;
const iso = (ms: number) => new Date(ms).toISOString();

function activityEvents(rows: readonly DayRow[]): ActivityEvent[] {
  return rows.map((r) => ({ memberId: r.member_id, ts: r.day * DAY_MS, count: r.views + r.seen + r.likes_given + r.replies + r.topics + r.posts }));
}

/**
 * The owner's dashboard, computed from the daily rollups (never raw events) with the
 * documented formulas of shared/metrics; churn risks from the cron's model.
 */
export async function dashboard(
  db: Db,
  community: Community,
  options: { range: number; now?: number; names: boolean; displayNameKey: string | undefined },
): Promise<DashboardResponse> {
  const now = options.now ?? Date.now();
  const today = Math.floor(now / DAY_MS);
  const fromDay = today - Math.max(options.range * 2, COHORT_WEEKS * 7 + 7, 180);
  const [rows, memberRows, risks, state] = await Promise.all([
    dayRows(db, community.id, fromDay),
    db
      .select({ id: members.id, firstSeenAt: members.firstSeenAt, sealed: members.displayNameEnc, origin: sites.origin })
      .from(members)
      .innerJoin(sites, eq(sites.id, members.siteId))
      .where(eq(members.communityId, community.id)),
    db.all<{ member_id: string; risk: number; reasons: string }>(sql`SELECT member_id, risk, reasons FROM member_risk WHERE community_id = ${community.id}`),
    db.all<{ at: number | null }>(sql`SELECT max(rolled_up_at) AS at FROM rollup_state WHERE site_id IN (SELECT id FROM sites WHERE community_id = ${community.id})`),
  ]);
  const memberById = new Map(memberRows.map((m) => [m.id, m]));
  const activity = activityEvents(rows);
  const joins: MemberJoin[] = memberRows.map((m) => ({ memberId: m.id, joinedAt: m.firstSeenAt }));
  const riskBy = new Map(risks.map((r) => [r.member_id, { risk: r.risk, reasons: JSON.parse(r.reasons) as Array<Record<string, unknown>> }]));
  const engagement = communityEngagement(engagementEvents(rows), {
    at: now,
    joinedAt: new Map(joins.map((j) => [j.memberId, j.joinedAt])),
    churnRisk: new Map([...riskBy].map(([id, r]) => [id, r.risk])),
  });

  const ref = async (memberId: string) => {
    const m = memberById.get(memberId);
    return {
      memberId,
      displayName: options.names && m ? await decryptName(options.displayNameKey, m.sealed) : null,
      site: m?.origin ?? '',
    };
  };

  const histogram = new Array<number>(10).fill(0);
  const levels: Record<string, number> = {};
  for (const e of engagement.values()) {
    histogram[Math.min(9, Math.floor(e.score / 10))]! += 1;
    levels[e.level] = (levels[e.level] ?? 0) + 1;
  }
  const ranked = [...engagement].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));

  const postRows = await db.all<{ ext_id: string; author_member_id: string | null; like_count: number | null; replies: number }>(sql`
    SELECT p.ext_id, p.author_member_id, p.like_count,
      (SELECT count(*) FROM posts r WHERE r.site_id = p.site_id AND r.thread_ext_id = p.thread_ext_id AND r.reply_to_number = p.post_number) AS replies
    FROM posts p JOIN sites s ON s.id = p.site_id
    WHERE s.community_id = ${community.id} AND p.created_at >= ${now - options.range * DAY_MS}
    LIMIT 5000`);
  const scored = communityPostQuality(
    postRows.map((p) => ({ postId: p.ext_id, authorId: p.author_member_id, likes: p.like_count ?? 0, replies: p.replies, accepted: null, readingDepth: null, moderatorCorrections: 0 })),
  );
  const authors = authorQuality(scored).sort((a, b) => b.score - a.score).slice(0, 5);

  const atRisk = [...engagement]
    .filter(([, e]) => e.level === 'at_risk')
    .sort((a, b) => (riskBy.get(b[0])?.risk ?? 0) - (riskBy.get(a[0])?.risk ?? 0))
    .slice(0, 10);

  const rangeStart = today - options.range + 1;
  const series = activityIndexSeries(activity, joins, 'day', rangeStart, today);
  const cohorts = cohortRetention(joins.filter((j) => j.joinedAt >= (today - COHORT_WEEKS * 7) * DAY_MS), activity, 'week', {
    asOf: now,
    maxOffset: 8,
  });

  return {
    community: { id: community.id, name: community.name, memberScores: community.settings.memberScores },
    range: options.range,
    generatedAt: iso(now),
    rolledUpAt: state[0]?.at ?? null,
    members: memberRows.length,
    active: { now: activeUsers(activity, now), previous: activeUsers(activity, now - options.range * DAY_MS) },
    activity: series.map((r) => ({ day: r.label, interactions: r.interactions, activeMembers: r.activeMembers, index: r.index })),
    cohorts: { offsets: cohorts.offsets, rows: cohorts.rows.map((r) => ({ label: r.label, size: r.size, rates: r.rates })) },
    engagement: { histogram, levels },
    quality: {
      posts: scored.length,
      meanScore: scored.length ? scored.reduce((s, p) => s + p.score, 0) / scored.length : null,
      topAuthors: await Promise.all(
        authors.filter((a) => a.authorId).map(async (a) => ({ ...(await ref(a.authorId!)), score: a.score, posts: a.posts })),
      ),
    },
    topContributors: await Promise.all(
      ranked.slice(0, 10).map(async ([id, e]) => ({ ...(await ref(id)), score: e.score, level: e.level, trend: e.trend.direction })),
    ),
    atRisk: await Promise.all(
      atRisk.map(async ([id, e]) => ({
        ...(await ref(id)),
        risk: riskBy.get(id)?.risk ?? null,
        level: e.level,
        lastActiveAt: e.lastActiveAt === null ? null : iso(e.lastActiveAt),
        reasons: (riskBy.get(id)?.reasons ?? []).map((r) => ({
          feature: String(r.feature),
          direction: String(r.direction),
          value: Number(r.value),
          typical: Number(r.typical),
        })),
      })),
    ),
    sentiment: [],
  };
}

