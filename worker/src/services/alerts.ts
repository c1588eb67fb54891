import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  CORE_DROP,
  coreMemberDrops,
  HEAT,
  heatBaselines,
  heatedThreads,
  newAccountBurst,
  pileOns,
  type ThreadMood,
} from '../../../shared/alerts/rules';
import { SENTIMENT_CONFIDENCE_THRESHOLD } from '../../../shared/constants';
import type { Alert, AlertKind } from '../../../shared/schemas/alerts';
import { SENTIMENT_MODEL_VERSION } from '../../../shared/sentiment/index';
import { newId } from '../auth/secrets';
import type { Db } from '../db/client';
import { alerts, communities, sites, threads } from '../db/schema';
import { decryptName } from './display-names';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Sentiment counts only above this confidence (Discourse's 0.6). */
export const CONFIDENCE = SENTIMENT_CONFIDENCE_THRESHOLD;

interface Found {
  kind: AlertKind;
  severity: Alert['severity'];
  siteId: number;
  thread: string | null;
  memberId: string | null;
  details: Record<string, number>;
}

async function heated(db: Db, siteId: number, now: number): Promise<Found[]> {
  const moods = (from: number, to: number) =>
    db.all<ThreadMood>(sql`
      SELECT p.thread_ext_id AS thread, count(*) AS posts,
             sum(CASE WHEN s.label = 'negative' THEN 1 ELSE 0 END) AS negative,
             sum(CASE WHEN s.toxic >= ${HEAT.toxicFrom} THEN 1 ELSE 0 END) AS toxic
      FROM posts p JOIN text_scores s ON s.text_hash = p.text_hash AND s.model_version = ${SENTIMENT_MODEL_VERSION}
      WHERE p.site_id = ${siteId} AND p.created_at >= ${from} AND p.created_at < ${to} AND s.confidence >= ${CONFIDENCE}
      GROUP BY p.thread_ext_id`);
  const [recent, history] = await Promise.all([moods(now - DAY, now + 1), moods(now - 30 * DAY, now - DAY)]);
  return heatedThreads(recent, heatBaselines(history)).map((t) => ({
    kind: 'heated_thread',
    severity: t.z >= 4 ? 'critical' : 'warning',
    siteId,
    thread: t.thread,
    memberId: null,
    // negativeShare or toxicShare: which one jumped.
    details: { [t.measure === 'toxic' ? 'toxicShare' : 'negativeShare']: t.share, baseline: t.baseline, z: Math.round(t.z * 10) / 10, posts: t.posts },
  }));
}

async function piles(db: Db, siteId: number, now: number): Promise<Found[]> {
  const replies = await db.all<{ target: string; author: string | null; ts: number; thread: string }>(sql`
    SELECT m.author_member_id AS target, r.author_member_id AS author, r.created_at AS ts, r.thread_ext_id AS thread
    FROM posts r JOIN posts m ON m.site_id = r.site_id AND m.thread_ext_id = r.thread_ext_id
      AND (m.post_number = r.reply_to_number OR (m.post_number = 1 AND r.reply_to_number IS NULL AND r.post_number > 1))
    WHERE r.site_id = ${siteId} AND r.created_at >= ${now - 2 * HOUR} AND m.author_member_id IS NOT NULL`);
  return pileOns(replies, now).map((p) => ({
    kind: 'pile_on',
    severity: p.replies >= 10 ? 'critical' : 'warning',
    siteId,
    thread: p.threads.length === 1 ? p.threads[0]! : null,
    memberId: p.target,
    details: { replies: p.replies, authors: p.authors, threads: p.threads.length },
  }));
}

async function bursts(db: Db, siteId: number, now: number): Promise<Found[]> {
  const posts = await db.all<{ author: string; authorFirstSeen: number; ts: number }>(sql`
    SELECT p.author_member_id AS author, m.first_seen_at AS authorFirstSeen, p.created_at AS ts
    FROM posts p JOIN members m ON m.id = p.author_member_id
    WHERE p.site_id = ${siteId} AND p.created_at >= ${now - HOUR}`);
  const burst = newAccountBurst(posts, now);
  return burst ? [{ kind: 'new_account_burst', severity: 'warning', siteId, thread: null, memberId: null, details: burst }] : [];
}

async function coreDrops(db: Db, communityId: number, now: number): Promise<Found[]> {
  const today = Math.floor(now / DAY);
  const rows = await db.all<{ member_id: string; site_id: number; level: string; recent: number; baseline: number }>(sql`
    SELECT s.member_id, d.site_id, s.level,
      SUM(CASE WHEN d.day > ${today - CORE_DROP.recentDays} THEN d.views + d.seen + d.likes_given + d.replies + d.topics + d.posts ELSE 0 END) AS recent,
      SUM(CASE WHEN d.day <= ${today - CORE_DROP.recentDays} THEN d.views + d.seen + d.likes_given + d.replies + d.topics + d.posts ELSE 0 END) AS baseline
    FROM member_scores s JOIN member_days d ON d.member_id = s.member_id
    WHERE s.community_id = ${communityId} AND s.level = 'core' AND d.day > ${today - CORE_DROP.recentDays - CORE_DROP.baselineDays}
    GROUP BY s.member_id, d.site_id`);
  const siteOf = new Map(rows.map((r) => [r.member_id, r.site_id]));
  return coreMemberDrops(
    rows.map((r) => ({ memberId: r.member_id, level: r.level, recentPerDay: r.recent / CORE_DROP.recentDays, baselinePerDay: r.baseline / CORE_DROP.baselineDays })),
  ).map((m) => ({
    kind: 'core_member_drop',
    severity: 'info',
    siteId: siteOf.get(m.memberId)!,
    thread: null,
    memberId: m.memberId,
    details: { recentPerDay: m.recentPerDay, baselinePerDay: m.baselinePerDay, ratio: m.ratio },
  }));
}

const dedupKey = (f: Found) => `${f.kind}:${f.siteId}:${f.thread ?? ''}:${f.memberId ?? ''}`;

/**
 * Runs the alert rules for a community and opens an alert for each new finding; a
 * finding whose subject already has an open (or acknowledged) alert updates its numbers
 * instead. New alerts go to the community's webhook. `only` limits the rules (the fast
 * ones run on ingest, all of them in the cron).
 */
export async function detectAlerts(
  db: Db,
  communityId: number,
  now = Date.now(),
  options: { only?: AlertKind[]; post?: (url: string, body: unknown) => Promise<void> } = {},
): Promise<string[]> {
  const want = (k: AlertKind) => !options.only || options.only.includes(k);
  const siteRows = await db.select({ id: sites.id }).from(sites).where(eq(sites.communityId, communityId));
  const found: Found[] = [];
  for (const { id } of siteRows) {
    if (want('heated_thread')) found.push(...(await heated(db, id, now)));
    if (want('pile_on')) found.push(...(await piles(db, id, now)));
    if (want('new_account_burst')) found.push(...(await bursts(db, id, now)));
  }
  if (want('core_member_drop')) found.push(...(await coreDrops(db, communityId, now)));
  if (found.length === 0) return [];

  const keys = found.map(dedupKey);
  const open = await db
    .select({ id: alerts.id, dedupKey: alerts.dedupKey })
    .from(alerts)
    .where(and(inArray(alerts.dedupKey, keys), inArray(alerts.status, ['open', 'acknowledged'])));
  const openByKey = new Map(open.map((a) => [a.dedupKey, a.id]));
  const created: Array<{ id: string; f: Found }> = [];
  const statements = found.map((f) => {
    const existing = openByKey.get(dedupKey(f));
    if (existing) return db.update(alerts).set({ details: f.details, severity: f.severity }).where(eq(alerts.id, existing));
    const id = newId();
    created.push({ id, f });
    return db.insert(alerts).values({
      id,
      communityId,
      siteId: f.siteId,
      kind: f.kind,
      severity: f.severity,
      threadExtId: f.thread,
      memberId: f.memberId,
      details: f.details,
      dedupKey: dedupKey(f),
      openedAt: now,
    });
  });
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);

  if (created.length > 0 && options.post) {
    const [c] = await db.select({ url: communities.webhookUrl, name: communities.name }).from(communities).where(eq(communities.id, communityId));
    if (c?.url) {
      for (const { id, f } of created) {
        await options.post(c.url, webhookBody(c.name, id, f)).catch((e: Error) => console.warn('webhook failed', e.message));
      }
    }
  }
  return created.map((c) => c.id);
}

const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;

function describe(f: Found): string {
  switch (f.kind) {
    case 'heated_thread':
      return f.details.toxicShare !== undefined
        ? `Heated thread ${f.thread}: ${pct(f.details.toxicShare)} toxic (usually ${pct(f.details.baseline)}), ${f.details.posts} posts today`
        : `Heated thread ${f.thread}: ${pct(f.details.negativeShare)} negative (usually ${pct(f.details.baseline)}), ${f.details.posts} posts today`;
    case 'pile_on':
      return `Pile-on: ${f.details.replies} replies from ${f.details.authors} people to one member in an hour`;
    case 'new_account_burst':
      return `Burst of posts by new accounts: ${f.details.posts} posts by ${f.details.accounts} accounts in an hour`;
    default:
      return `A core member's activity fell to ${pct(f.details.ratio)} of their usual`;
  }
}

/** Slack (`text`) and Discord (`content`) read the message; `alert` carries the data. No names. */
export function webhookBody(community: string, id: string, f: Found) {
  const message = `[Community Pulse · ${community}] ${f.severity.toUpperCase()}: ${describe(f)}`;
  return { text: message, content: message, alert: { id, kind: f.kind, severity: f.severity, thread: f.thread, details: f.details } };
}

/** POSTs a webhook with a timeout; never throws past the caller's catch. */
export async function postWebhook(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/** Alerts as the API answers them (names decrypted for owners only). */
export async function listAlerts(
  db: Db,
  communityId: number,
  q: { status: 'open' | 'all'; site?: string | undefined; thread?: string | undefined; limit: number },
  names: { show: boolean; key: string | undefined },
): Promise<{ alerts: Alert[]; open: number }> {
  const rows = await db
    .select({
      a: alerts,
      origin: sites.origin,
      title: threads.title,
      url: threads.url,
      sealed: sql<string | null>`(SELECT display_name_enc FROM members m WHERE m.id = ${alerts.memberId})`,
    })
    .from(alerts)
    .innerJoin(sites, eq(sites.id, alerts.siteId))
    .leftJoin(threads, and(eq(threads.siteId, alerts.siteId), eq(threads.extId, alerts.threadExtId)))
    .where(
      and(
        eq(alerts.communityId, communityId),
        q.status === 'open' ? inArray(alerts.status, ['open', 'acknowledged']) : undefined,
        q.site ? eq(sites.origin, q.site) : undefined,
        q.thread ? eq(alerts.threadExtId, q.thread) : undefined,
      ),
    )
    .orderBy(desc(alerts.openedAt))
    .limit(q.limit);
  const [{ n }] = (await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM alerts WHERE community_id = ${communityId} AND status = 'open'`,
  )) as [{ n: number }];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const out: Alert[] = [];
  for (const { a, origin, title, url, sealed } of rows) {
    out.push({
      id: a.id,
      kind: a.kind as AlertKind,
      severity: a.severity as Alert['severity'],
      site: origin,
      thread: a.threadExtId ? { id: a.threadExtId, title, url } : null,
      memberId: a.memberId,
      displayName: names.show ? await decryptName(names.key, sealed) : null,
      details: a.details,
      openedAt: iso(a.openedAt)!,
      status: a.status,
      acknowledgedAt: iso(a.acknowledgedAt),
      acknowledgedBy: a.acknowledgedBy,
      resolvedAt: iso(a.resolvedAt),
      resolvedBy: a.resolvedBy,
    });
  }
  return { alerts: out, open: n };
}
