import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { BreakdownResponse } from '../../../shared/schemas/dashboard';
import { SENTIMENT_MODEL_VERSION } from '../../../shared/sentiment/index';
import { call } from '../../test/call';
import { newCommunity } from '../../test/fixtures';

const DAY = 86_400_000;

/** Two sites; threads in categories with tags; scored posts; one open alert. */
async function seeded() {
  const c = await newCommunity(2);
  const now = Date.now();
  const [a, b] = (await Promise.all(c.sites.map(async (o) => (await env.DB.prepare('SELECT id FROM sites WHERE origin = ?').bind(o).first<{ id: number }>())!.id))) as [number, number];
  const stmts = [
    env.DB.prepare(
      "INSERT OR IGNORE INTO text_scores (text_hash, model_version, label, negative, neutral, positive, confidence, toxic, offensive, hate, language, source, created_at) VALUES ('bd-neg', ?, 'negative', 0.9, 0.05, 0.05, 0.9, 0.1, 0.1, 0.01, 'en', 'worker', 0), ('bd-pos', ?, 'positive', 0.05, 0.05, 0.9, 0.9, 0.01, 0.01, 0.01, 'en', 'worker', 0), ('bd-unsure', ?, 'negative', 0.4, 0.3, 0.3, 0.4, 0.1, 0.1, 0.01, 'en', 'worker', 0)",
    ).bind(SENTIMENT_MODEL_VERSION, SENTIMENT_MODEL_VERSION, SENTIMENT_MODEL_VERSION),
  ];
  const thread = (site: number, id: string, category: string | null, tags: string[]) =>
    env.DB.prepare('INSERT INTO threads (site_id, ext_id, title, url, category, tags, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)').bind(
      site,
      id,
      `Thread ${id}`,
      `https://x.example/t/${id}`,
      category,
      JSON.stringify(tags),
    );
  const member = (site: number, id: string) =>
    env.DB.prepare('INSERT OR IGNORE INTO members (id, site_id, community_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, 0, 0)').bind(id, site, c.id);
  const post = (site: number, t: string, n: number, author: string, daysAgo: number, hash: string | null) =>
    env.DB.prepare(
      'INSERT INTO posts (site_id, ext_id, thread_ext_id, post_number, author_member_id, created_at, text_hash, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)',
    ).bind(site, `${t}-${n}`, t, n, author, now - daysAgo * DAY, hash);
  const m = (x: string) => `${x}-${c.id}`;
  stmts.push(member(a, m('ana')), member(a, m('ben')), member(b, m('cai')));
  stmts.push(thread(a, 'sql1', 'SQL', ['window', 'sql']), thread(a, 'py1', 'Python', ['pandas']), thread(b, 'sql2', 'SQL', ['sql']));
  // sql1: 3 recent posts (2 negative, 1 positive) and one too old for the range.
  stmts.push(post(a, 'sql1', 1, m('ana'), 1, 'bd-neg'), post(a, 'sql1', 2, m('ben'), 2, 'bd-neg'), post(a, 'sql1', 3, m('ana'), 3, 'bd-pos'), post(a, 'sql1', 4, m('ben'), 20, 'bd-neg'));
  // py1: 2 posts, one scored without confidence (not counted).
  stmts.push(post(a, 'py1', 1, m('ben'), 1, 'bd-unsure'), post(a, 'py1', 2, m('ana'), 1, null));
  // sql2 on the other site: 1 positive post.
  stmts.push(post(b, 'sql2', 1, m('cai'), 2, 'bd-pos'));
  stmts.push(
    env.DB.prepare(
      "INSERT INTO alerts (id, community_id, site_id, kind, severity, thread_ext_id, details, dedup_key, opened_at, status) VALUES (?, ?, ?, 'heated_thread', 'warning', 'sql1', '{}', ?, ?, 'open')",
    ).bind(crypto.randomUUID(), c.id, a, `bd:${c.id}`, now),
  );
  await env.DB.batch(stmts);
  const get = async (query: string) => {
    const res = await call<BreakdownResponse>('GET', `/v1/dashboard/breakdown?${query}`, undefined, { token: c.owner });
    expect(res.status).toBe(200);
    return res.body;
  };
  return { c, get };
}

describe('GET /v1/dashboard/breakdown', () => {
  it('groups the range’s posts by site, category, tag and thread, with negative share and open alerts', async () => {
    const { c, get } = await seeded();
    const bySite = await get('range=7&by=site');
    expect(bySite.rows).toEqual([
      { key: c.sites[0], title: null, site: c.sites[0], url: null, threads: 2, posts: 5, authors: 2, scored: 3, negativeShare: 2 / 3, openAlerts: 1 },
      { key: c.sites[1], title: null, site: c.sites[1], url: null, threads: 1, posts: 1, authors: 1, scored: 1, negativeShare: 0, openAlerts: 0 },
    ]);
    const byCategory = await get('range=7&by=category');
    expect(byCategory.rows.map((r) => [r.key, r.threads, r.posts, r.negativeShare, r.openAlerts])).toEqual([
      ['SQL', 2, 4, 0.5, 1],
      ['Python', 1, 2, null, 0],
    ]);
    const byTag = await get('range=7&by=tag');
    expect(byTag.rows.map((r) => [r.key, r.posts])).toEqual([
      ['sql', 4],
      ['window', 3],
      ['pandas', 2],
    ]);
    // The range counts: 30 days take the older post too.
    expect((await get('range=30&by=thread')).rows.find((r) => r.key === 'sql1')!.posts).toBe(4);
  });

  it('drills into one category, tag or site', async () => {
    const { c, get } = await seeded();
    const sqlThreads = await get('range=7&by=thread&category=SQL');
    expect(sqlThreads.filter).toEqual({ site: null, category: 'SQL', tag: null });
    expect(sqlThreads.rows.map((r) => [r.key, r.site, r.title, r.url, r.posts, r.openAlerts])).toEqual([
      ['sql1', c.sites[0], 'Thread sql1', 'https://x.example/t/sql1', 3, 1],
      ['sql2', c.sites[1], 'Thread sql2', 'https://x.example/t/sql2', 1, 0],
    ]);
    expect((await get('range=7&by=thread&tag=pandas')).rows.map((r) => r.key)).toEqual(['py1']);
    expect((await get(`range=7&by=category&site=${encodeURIComponent(c.sites[1]!)}`)).rows.map((r) => [r.key, r.posts])).toEqual([['SQL', 1]]);
  });

  it('is for owners, and validates its query', async () => {
    const { c } = await seeded();
    const mod = await c.join('moderator');
    expect((await call('GET', '/v1/dashboard/breakdown?by=site', undefined, { token: mod.token })).status).toBe(403);
    expect((await call('GET', '/v1/dashboard/breakdown?by=author', undefined, { token: c.owner })).status).toBe(400);
    expect((await call('GET', '/v1/dashboard/breakdown?by=site&site=javascript:x', undefined, { token: c.owner })).status).toBe(400);
  });
});
