import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertsResponse } from '../../../shared/schemas/alerts';
import { SENTIMENT_MODEL_VERSION } from '../../../shared/sentiment/index';
import { call } from '../../test/call';
import { newCommunity } from '../../test/fixtures';
import { getDb } from '../db/client';
import { runScheduled } from '../scheduled';
import { detectAlerts, postWebhook } from '../services/alerts';

const MIN = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

afterEach(() => vi.restoreAllMocks());

async function siteId(origin: string) {
  return (await env.DB.prepare('SELECT id FROM sites WHERE origin = ?').bind(origin).first<{ id: number }>())!.id;
}

describe('alerts', () => {
  it('opens a pile-on alert when many people reply to one member within the hour, once', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const now = Date.now();
    const posts = [
      { id: '1', number: 1, author: 'ana', createdAt: iso(now - 90 * MIN), likeCount: 0, replyToNumber: null },
      ...['ben', 'cai', 'dee', 'eli', 'ben', 'fay'].map((author, i) => ({
        id: String(i + 2),
        number: i + 2,
        author,
        createdAt: iso(now - 50 * MIN + i * 5 * MIN),
        likeCount: 0,
        replyToNumber: 1,
      })),
    ];
    const page = { site: c.site, engine: 'discourse', thread: { id: '9', title: 'Flame war', url: `${c.site}/t/9`, category: null, createdAt: null }, posts };
    await call('POST', '/v1/annotate', page, { token: c.owner });
    await expect.poll(async () => (await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token: mod.token })).body.open, { timeout: 5000 }).toBe(1);
    const list = (await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token: c.owner })).body;
    expect(list.alerts[0]).toMatchObject({
      kind: 'pile_on',
      status: 'open',
      thread: { id: '9', title: 'Flame war' },
      displayName: 'ana',
      details: { replies: 6, authors: 5, threads: 1 },
    });
    // Moderators see the pseudonym, not the name.
    expect((await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token: mod.token })).body.alerts[0]!.displayName).toBeNull();
    // Seeing the page again updates the open alert rather than opening another.
    await detectAlerts(getDb(env), c.id, now);
    expect((await call<AlertsResponse>('GET', '/v1/alerts?status=all', undefined, { token: mod.token })).body.alerts).toHaveLength(1);
  });

  it('records who acknowledged and resolved an alert, and when', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const id = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO alerts (id, community_id, site_id, kind, severity, details, dedup_key, opened_at, status) VALUES (?, ?, ?, 'new_account_burst', 'warning', '{\"posts\":9}', 'k', ?, 'open')",
    )
      .bind(id, c.id, await siteId(c.site), Date.now())
      .run();
    const ack = await call('POST', `/v1/alerts/${id}/ack`, undefined, { token: mod.token });
    expect(ack.status).toBe(200);
    expect(ack.body.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: mod.accountId, resolvedAt: null });
    expect((await call('POST', `/v1/alerts/${id}/ack`, undefined, { token: mod.token })).status).toBe(404);
    const done = await call('POST', `/v1/alerts/${id}/resolve`, undefined, { token: c.owner });
    expect(done.body.alert).toMatchObject({ status: 'resolved', acknowledgedBy: mod.accountId, resolvedBy: c.ownerAccountId });
    expect(Date.parse(done.body.alert.resolvedAt)).toBeGreaterThan(0);
    expect((await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token: mod.token })).body.alerts).toEqual([]);
    expect((await call<AlertsResponse>('GET', '/v1/alerts?status=all', undefined, { token: mod.token })).body.alerts).toHaveLength(1);
  });

  it('flags a thread whose negative share jumps against the community’s baseline, and posts it to the webhook', async () => {
    const c = await newCommunity();
    const now = Date.now();
    const site = await siteId(c.site);
    expect((await call('PATCH', '/v1/community/webhook', { url: 'http://insecure.example/hook' }, { token: c.owner })).status).toBe(400);
    expect((await call('PATCH', '/v1/community/webhook', { url: 'https://hooks.example/pulse' }, { token: c.owner })).status).toBe(200);
    const stmts = [];
    const score = (hash: string, label: string, version = SENTIMENT_MODEL_VERSION) =>
      env.DB.prepare(
        "INSERT OR IGNORE INTO text_scores (text_hash, model_version, label, negative, neutral, positive, confidence, toxic, offensive, hate, language, source, created_at) VALUES (?, ?, ?, ?, 0.1, ?, 0.9, 0.05, 0.05, 0.01, 'en', 'worker', 0)",
      ).bind(hash, version, label, label === 'negative' ? 0.85 : 0.05, label === 'negative' ? 0.05 : 0.85);
    // 'stale' was scored negative only by an older model: it no longer counts.
    stmts.push(score('neg', 'negative'), score('pos', 'positive'), score('stale', 'negative', 'an-older-model'));
    const thread = (id: string) => env.DB.prepare('INSERT INTO threads (site_id, ext_id, title, first_seen_at, updated_at) VALUES (?, ?, ?, 0, 0)').bind(site, id, `Thread ${id}`);
    const post = (t: string, n: number, created: number, hash: string) =>
      env.DB.prepare('INSERT INTO posts (site_id, ext_id, thread_ext_id, post_number, created_at, text_hash, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)').bind(
        site,
        `${t}-${n}`,
        t,
        n,
        created,
        hash,
      );
    // 20 calm threads over the last month: 1 post in 10 negative.
    for (let t = 0; t < 20; t++) {
      stmts.push(thread(`old${t}`));
      for (let n = 1; n <= 10; n++) stmts.push(post(`old${t}`, n, now - (5 + t) * DAY, n === 1 ? 'neg' : 'pos'));
    }
    // Today: one thread turns, 7 of 9 posts negative.
    stmts.push(thread('hot'));
    for (let n = 1; n <= 9; n++) stmts.push(post('hot', n, now - 3 * 3_600_000 + n * MIN, n <= 7 ? 'neg' : 'pos'));
    stmts.push(thread('old-model'));
    for (let n = 1; n <= 9; n++) stmts.push(post('old-model', n, now - 3 * 3_600_000 + n * MIN, n <= 7 ? 'stale' : 'pos'));
    await env.DB.batch(stmts);

    const sent: Array<[string, { text: string; alert: { kind: string } }]> = [];
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push([String(input), JSON.parse(String(init?.body))]);
      return new Response('ok');
    });
    const report = await runScheduled(env, now, { post: postWebhook });
    expect(report.alerts.find((a) => a.communityId === c.id)).toMatchObject({ opened: 1 });
    expect(spy).toHaveBeenCalledOnce();
    expect(sent[0]![0]).toBe('https://hooks.example/pulse');
    expect(sent[0]![1].alert.kind).toBe('heated_thread');
    expect(sent[0]![1].text).toMatch(/Heated thread hot: 78% negative \(usually 10%\), 9 posts today/);
    const list = (await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token: c.owner })).body.alerts;
    expect(list[0]).toMatchObject({ kind: 'heated_thread', severity: 'critical', thread: { id: 'hot', title: 'Thread hot' } });
  });
});

describe('alert rules on synthetic histories', () => {
  const HOUR = 3_600_000;
  const insertScore = (hash: string, label: string, toxic: number) =>
    env.DB.prepare(
      "INSERT OR IGNORE INTO text_scores (text_hash, model_version, label, negative, neutral, positive, confidence, toxic, offensive, hate, language, source, created_at) VALUES (?, ?, ?, ?, 0.1, ?, 0.9, ?, 0.05, 0.01, 'en', 'worker', 0)",
    ).bind(hash, SENTIMENT_MODEL_VERSION, label, label === 'negative' ? 0.85 : 0.05, label === 'negative' ? 0.05 : 0.85, toxic);
  const insertThread = (site: number, id: string) =>
    env.DB.prepare('INSERT INTO threads (site_id, ext_id, title, first_seen_at, updated_at) VALUES (?, ?, ?, 0, 0)').bind(site, id, `Thread ${id}`);
  const insertPost = (site: number, t: string, n: number, created: number, hash: string | null, author: string | null = null) =>
    env.DB.prepare(
      'INSERT INTO posts (site_id, ext_id, thread_ext_id, post_number, created_at, text_hash, author_member_id, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)',
    ).bind(site, `${t}-${n}`, t, n, created, hash, author);
  const insertMember = (site: number, community: number, id: string, firstSeen: number) =>
    env.DB.prepare('INSERT INTO members (id, site_id, community_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').bind(id, site, community, firstSeen, firstSeen);
  const alertsOf = async (token: string) => (await call<AlertsResponse>('GET', '/v1/alerts', undefined, { token })).body;

  it('flags a toxic turn against the toxic baseline, in a community whose threads are often negative', async () => {
    const c = await newCommunity();
    const now = Date.now();
    const site = await siteId(c.site);
    const stmts = [insertScore('critique', 'negative', 0.05), insertScore('fine', 'positive', 0.02), insertScore('abuse', 'negative', 0.92)];
    // 15 threads of critique over the past month: 4 in 10 posts negative, none toxic.
    for (let t = 0; t < 15; t++) {
      stmts.push(insertThread(site, `crit${t}`));
      for (let n = 1; n <= 10; n++) stmts.push(insertPost(site, `crit${t}`, n, now - (3 + t) * DAY, n <= 4 ? 'critique' : 'fine'));
    }
    // Today: the usual critique in one thread (no alert), abuse in another (4 of 10 toxic).
    stmts.push(insertThread(site, 'usual'), insertThread(site, 'abuse'));
    for (let n = 1; n <= 10; n++) stmts.push(insertPost(site, 'usual', n, now - 2 * HOUR + n * MIN, n <= 5 ? 'critique' : 'fine'));
    for (let n = 1; n <= 10; n++) stmts.push(insertPost(site, 'abuse', n, now - 2 * HOUR + n * MIN, n <= 4 ? 'abuse' : n <= 5 ? 'critique' : 'fine'));
    await env.DB.batch(stmts);

    expect(await detectAlerts(getDb(env), c.id, now, { only: ['heated_thread'] })).toHaveLength(1);
    const [alert] = (await alertsOf(c.owner)).alerts;
    expect(alert).toMatchObject({ kind: 'heated_thread', severity: 'critical', thread: { id: 'abuse' }, details: { toxicShare: 0.4, baseline: 0, posts: 10 } });
    expect(alert!.details.negativeShare).toBeUndefined();
    expect(alert!.details.z).toBeGreaterThanOrEqual(4);
  });

  it('flags a burst of posts by accounts first seen today, not the regulars posting as usual', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const now = Date.now();
    const site = await siteId(c.site);
    const stmts = [insertThread(site, 'spam'), insertThread(site, 'daily')];
    // Ten regulars (members for two months) post ten times in the hour: not a burst.
    for (let i = 0; i < 10; i++) stmts.push(insertMember(site, c.id, `regular-${c.id}-${i}`, now - 60 * DAY));
    for (let i = 0; i < 10; i++) stmts.push(insertPost(site, 'daily', i + 1, now - 50 * MIN + i * MIN, null, `regular-${c.id}-${i}`));
    await env.DB.batch(stmts);
    expect(await detectAlerts(getDb(env), c.id, now, { only: ['new_account_burst'] })).toEqual([]);

    // Then four accounts seen for the first time two hours ago post nine times.
    const wave = [];
    for (let i = 0; i < 4; i++) wave.push(insertMember(site, c.id, `new-${c.id}-${i}`, now - 2 * HOUR));
    for (let n = 1; n <= 9; n++) wave.push(insertPost(site, 'spam', n, now - 40 * MIN + n * 3 * MIN, null, `new-${c.id}-${n % 4}`));
    await env.DB.batch(wave);
    expect(await detectAlerts(getDb(env), c.id, now, { only: ['new_account_burst'] })).toHaveLength(1);
    const list = await alertsOf(mod.token);
    expect(list.open).toBe(1);
    expect(list.alerts[0]).toMatchObject({ kind: 'new_account_burst', severity: 'warning', thread: null, details: { posts: 9, accounts: 4 } });
  });

  it('flags a core member whose activity fell off, not a steady one nor a regular', async () => {
    const c = await newCommunity();
    const now = Date.now();
    const site = await siteId(c.site);
    const today = Math.floor(now / DAY);
    const [faded, steady, regular] = ['faded', 'steady', 'regular'].map((m) => `${m}-${c.id}`) as [string, string, string];
    const score = (member: string, level: string) =>
      env.DB.prepare("INSERT INTO member_scores (member_id, community_id, score, level, trend_direction, components, computed_at) VALUES (?, ?, 80, ?, 'flat', '{}', 0)").bind(
        member,
        c.id,
        level,
      );
    const day = (member: string, d: number, replies: number) =>
      env.DB.prepare('INSERT INTO member_days (site_id, community_id, member_id, day, views, replies) VALUES (?, ?, ?, ?, ?, ?)').bind(site, c.id, member, d, replies, replies);
    const stmts = [score(faded, 'core'), score(steady, 'core'), score(regular, 'regular')];
    // Six weeks: four of baseline at 3 views + 3 replies a day, then two recent weeks.
    for (let d = today - 41; d <= today; d++) {
      const recent = d > today - 14;
      stmts.push(day(steady, d, 3));
      stmts.push(day(regular, d, recent ? 0 : 3));
      if (!recent || d === today - 10) stmts.push(day(faded, d, recent ? 1 : 3));
    }
    await env.DB.batch(stmts);

    expect(await detectAlerts(getDb(env), c.id, now, { only: ['core_member_drop'] })).toHaveLength(1);
    const [alert] = (await alertsOf(c.owner)).alerts;
    expect(alert).toMatchObject({ kind: 'core_member_drop', severity: 'info', memberId: faded, details: { baselinePerDay: 6 } });
    expect(alert!.details.recentPerDay).toBeCloseTo(2 / 14, 6);
    expect(alert!.details.ratio).toBeCloseTo(2 / 14 / 6, 6);
    // The next run updates the open alert rather than opening a second one.
    expect(await detectAlerts(getDb(env), c.id, now + HOUR, { only: ['core_member_drop'] })).toEqual([]);
    expect((await alertsOf(c.owner)).open).toBe(1);
  });
});
