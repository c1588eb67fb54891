import { env } from 'cloudflare:test';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { RecommendationsResponse } from '../../../shared/schemas/recommendations';
import { call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';
import { runScheduled } from '../scheduled';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A small community: a catalogue of threads, and readers whose habits link 1 -> 2. */
async function community() {
  const c = await newCommunity();
  const now = Date.now();
  const threads = [
    { id: '1', title: 'SQL window functions 窗口函数', tags: ['sql'], created: now - 20 * DAY },
    { id: '2', title: 'Running totals with window functions', tags: ['sql'], created: now - 18 * DAY },
    { id: '3', title: 'Chinese hotel review sentiment', tags: ['nlp'], created: now - 15 * DAY },
    { id: '4', title: 'Gaps and islands in SQL', tags: ['sql'], created: now - 3 * DAY },
    { id: '5', title: 'Weekly meetup notes', tags: ['meta'], created: now - 1 * DAY },
  ];
  for (const t of threads) {
    const r = await call(
      'POST',
      '/v1/annotate',
      {
        site: c.site,
        engine: 'discourse',
        thread: { id: t.id, title: t.title, url: `${c.site}/t/x/${t.id}`, category: null, createdAt: iso(t.created), tags: t.tags, replyCount: 3 },
        posts: [],
      },
      { token: c.owner },
    );
    expect(r.status).toBe(200);
  }
  // Ten readers who read 1 also read 2; nobody links 1 to 3.
  for (let i = 0; i < 10; i++) {
    const reader = await c.join('member');
    const ts = now - (5 - (i % 3)) * DAY;
    await call('POST', '/v1/events', { events: [pageView(c.site, `reader${i}`, '1', iso(ts)), pageView(c.site, `reader${i}`, '2', iso(ts + 60_000))] }, { token: reader.token });
  }
  return { c, now };
}

const get = (c: { site: string }, token: string, thread?: string) =>
  call<RecommendationsResponse>('GET', `/v1/recommendations?site=${encodeURIComponent(c.site)}${thread ? `&thread=${thread}` : ''}`, undefined, { token });

describe('GET /v1/recommendations', () => {
  it('recommends what readers of the same thread read next, with the reason, never what the member read', async () => {
    const { c, now } = await community();
    const ran = await runScheduled(env, now);
    expect(ran.neighbours.find((r) => 'rows' in r && r.rows)).toBeDefined();

    const me = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'newcomer', '1', iso(now - DAY))] }, { token: me.token });
    const res = await get(c, me.token);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i) => i.thread);
    expect(ids).not.toContain('1');
    expect(ids[0]).toBe('2');
    expect(res.body.items[0]!.reason).toEqual({ kind: 'because_you_read', ref: '1', refTitle: 'SQL window functions 窗口函数' });
    expect(res.body.items[0]).toMatchObject({ title: 'Running totals with window functions', url: `${c.site}/t/x/2`, tags: ['sql'] });
    for (const item of res.body.items) expect(item.reason.kind).toEqual(expect.any(String));
  });

  it('leaves out the thread on screen and threads the member dismissed', async () => {
    const { c, now } = await community();
    await runScheduled(env, now);
    const me = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'dismisser', '1', iso(now - DAY))] }, { token: me.token });
    const dismiss = { id: uuidv7(), type: 'rec_dismiss', ts: iso(now), site: c.site, actor: 'dismisser', thread: '2', from: '1', rank: 0 };
    expect((await call('POST', '/v1/events', { events: [dismiss] }, { token: me.token })).status).toBe(200);
    const ids = (await get(c, me.token, '4')).body.items.map((i) => i.thread);
    expect(ids).not.toContain('2');
    expect(ids).not.toContain('4');
    expect(ids).not.toContain('1');
  });

  it('gives a new member popular and new threads (cold start)', async () => {
    const { c, now } = await community();
    await runScheduled(env, now);
    const fresh = await c.join('member');
    const res = await get(c, fresh.token);
    expect(res.body.items.length).toBeGreaterThanOrEqual(4);
    expect(res.body.items.every((i) => ['popular', 'new', 'popular_in_tag', 'new_in_tag_you_follow', 'similar_to'].includes(i.reason.kind))).toBe(true);
  });

  it('refuses a site outside the caller’s community, and bad queries', async () => {
    const { c } = await community();
    const other = await newCommunity();
    expect((await get(other, c.owner)).status).toBe(403);
    expect((await call('GET', '/v1/recommendations?site=nope', undefined, { token: c.owner })).body.error.field).toBe('site');
    expect((await call('GET', `/v1/recommendations?site=${encodeURIComponent(c.site)}&k=99`, undefined, { token: c.owner })).body.error.field).toBe('k');
  });

  it('offers threads nobody has opened, once a member saw them listed (POST /v1/catalogue)', async () => {
    const { c, now } = await community();
    const me = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'lister', '1', iso(now - DAY))] }, { token: me.token });
    const listed = await call(
      'POST',
      '/v1/catalogue',
      {
        site: c.site,
        engine: 'discourse',
        threads: [
          { id: '9', title: 'Window functions for running totals, part 2', url: `${c.site}/t/x/9`, category: null, createdAt: iso(now - DAY), tags: ['sql'] },
          { id: '9', title: 'duplicate', url: null, category: null, createdAt: null },
        ],
      },
      { token: me.token },
    );
    expect(listed.body).toEqual({ recorded: 1 });
    const items = (await get(c, me.token)).body.items;
    expect(items.map((i) => i.thread)).toContain('9');
    expect(items.find((i) => i.thread === '9')!.title).toBe('duplicate');
  });

  it('stores recommendation events with their rank and the thread they were shown on', async () => {
    const { c, now } = await community();
    const me = await c.join('member');
    const click = { id: uuidv7(), type: 'rec_click', ts: iso(now), site: c.site, actor: 'clicker', thread: '2', from: '1', rank: 3 };
    await call('POST', '/v1/events', { events: [click] }, { token: me.token });
    const row = await env.DB.prepare('SELECT type, thread_ext_id, value, props FROM events WHERE id = ?').bind(click.id).first();
    expect(row).toEqual({ type: 'rec_click', thread_ext_id: '2', value: 3, props: '{"from":"1"}' });
  });
});
