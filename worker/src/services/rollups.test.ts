import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call } from '../../test/call';
import { dwell, newCommunity, pageView } from '../../test/fixtures';
import { getDb } from '../db/client';
import { rollupSite } from './rollups';

const DAY = 86_400_000;
const day1 = Date.UTC(2026, 10, 10);
const day2 = day1 + DAY;
const iso = (ms: number) => new Date(ms).toISOString();

async function siteOf(origin: string) {
  return (await env.DB.prepare('SELECT id, community_id AS communityId FROM sites WHERE origin = ?').bind(origin).first<{ id: number; communityId: number }>())!;
}

async function rows(siteId: number) {
  const r = await env.DB.prepare(
    'SELECT member_id, day, views, seen, reading_ms, likes_given, replies, topics, posts, likes_received, replies_received FROM member_days WHERE site_id = ? ORDER BY day, member_id',
  )
    .bind(siteId)
    .all<Record<string, number | string>>();
  return r.results;
}

describe('daily rollups', () => {
  it('sums each member’s day, and running twice changes nothing', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    await call(
      'POST',
      '/v1/events',
      { events: [pageView(c.site, 'una', '1', iso(day1 + 1000)), pageView(c.site, 'una', '2', iso(day1 + 2000)), { ...dwell(c.site, 'una', 90_000, '1'), ts: iso(day1 + 3000) }, pageView(c.site, 'una', '1', iso(day2 + 5))] },
      { token: una.token },
    );
    // Posts seen on a page: una opens thread 7 on day 1, vic replies on day 2 (a reply to the topic).
    await call(
      'POST',
      '/v1/annotate',
      {
        site: c.site,
        engine: 'discourse',
        thread: { id: '7', title: 'T', url: null, category: null, createdAt: null },
        posts: [
          { id: 'a', number: 1, author: 'una', createdAt: iso(day1 + 100), likeCount: 4, replyToNumber: null },
          { id: 'b', number: 2, author: 'vic', createdAt: iso(day2 + 100), likeCount: 1, replyToNumber: null },
        ],
      },
      { token: c.owner },
    );
    const site = await siteOf(c.site);
    const db = getDb(env);
    expect(await rollupSite(db, site)).toEqual({ days: 2 });
    const first = await rows(site.id);
    const una1 = first.find((r) => r.day === day1 / DAY && r.views === 2)!;
    expect(una1).toMatchObject({ views: 2, reading_ms: 90_000, topics: 1, posts: 0, likes_received: 4, replies_received: 0 });
    const una2 = first.find((r) => r.member_id === una1.member_id && r.day === day2 / DAY)!;
    expect(una2).toMatchObject({ views: 1, replies_received: 1 });
    const vic2 = first.find((r) => r.member_id !== una1.member_id && r.day === day2 / DAY)!;
    expect(vic2).toMatchObject({ posts: 1, likes_received: 1, views: 0 });
    expect(first).toHaveLength(3);

    expect(await rollupSite(db, site)).toEqual({ days: 0 });
    expect(await rows(site.id)).toEqual(first);

    // A late event for day 1: only day 1 is recomputed, and its totals include it.
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una', '3', iso(day1 + 9000))] }, { token: una.token });
    expect(await rollupSite(db, site)).toEqual({ days: 1 });
    const after = await rows(site.id);
    expect(after.find((r) => r.member_id === una1.member_id && r.day === day1 / DAY)).toMatchObject({ views: 3 });
    expect(after).toHaveLength(3);
  });

  it('forgets a member who deletes their data', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una', '1', iso(day1))] }, { token: una.token });
    const site = await siteOf(c.site);
    await rollupSite(getDb(env), site);
    expect(await rows(site.id)).toHaveLength(1);
    await call('DELETE', '/v1/me', undefined, { token: una.token });
    expect(await rows(site.id)).toHaveLength(0);
  });
});
