import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { DashboardResponse } from '../../../shared/schemas/dashboard';
import { call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';
import { getDb } from '../db/client';
import { runScheduled } from '../scheduled';
import { refreshChurn } from '../services/churn';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('GET /v1/dashboard', () => {
  it('shows the owner active members, activity, cohorts, engagement and top contributors by name', async () => {
    const c = await newCommunity();
    const now = Date.now();
    const readers = await Promise.all(['ana', 'ben', 'cai'].map(async (name) => ({ name, ...(await c.join('member')) })));
    for (const [i, r] of readers.entries()) {
      const events = Array.from({ length: 3 - i }, (_, d) => pageView(c.site, r.name, String(d), iso(now - d * DAY - 1000)));
      await call('POST', '/v1/events', { events }, { token: r.token });
    }
    await runScheduled(env, now);
    const res = await call<DashboardResponse>('GET', '/v1/dashboard?range=7', undefined, { token: c.owner });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.range).toBe(7);
    expect(d.members).toBe(3);
    expect(d.active.now).toMatchObject({ dau: 3, wau: 3, mau: 3 });
    expect(d.active.now.stickiness).toBeCloseTo(6 / 30 / 3, 5); // 6 member-days over 30 days, 3 monthly members
    expect(d.activity).toHaveLength(7);
    expect(d.activity.at(-1)).toMatchObject({ interactions: 3, activeMembers: 3 });
    expect(d.engagement.histogram.reduce((a, b) => a + b, 0)).toBe(3);
    expect(d.topContributors.map((m) => m.displayName)).toEqual(['ana', 'ben', 'cai']);
    expect(d.cohorts.rows.reduce((s, r) => s + r.size, 0)).toBe(3);
    expect(d.rolledUpAt).toBe(now);
  });

  it('validates the range', async () => {
    const c = await newCommunity();
    expect((await call('GET', '/v1/dashboard?range=12', undefined, { token: c.owner })).status).toBe(400);
  });

  it('trains a churn model once a community has history, and stores risks with reasons', async () => {
    const c = await newCommunity();
    const now = Date.now();
    const site = (await env.DB.prepare('SELECT id FROM sites WHERE origin = ?').bind(c.site).first<{ id: number }>())!;
    // 40 members over 200 days: half keep coming, half stop after a while.
    const stmts = [];
    for (let m = 0; m < 40; m++) {
      const stopsAt = m % 2 === 0 ? 200 : 40 + m;
      for (let d = 200; d >= 0; d -= 3) {
        if (d < 200 - stopsAt) continue;
        stmts.push(
          env.DB.prepare('INSERT INTO member_days (site_id, community_id, member_id, day, views, replies) VALUES (?, ?, ?, ?, ?, ?)').bind(
            site.id,
            c.id,
            `m${String(m).padStart(30, '0')}`,
            Math.floor(now / DAY) - d,
            3,
            m % 3,
          ),
        );
      }
    }
    await env.DB.batch(stmts);
    const result = await refreshChurn(getDb(env), c.id, now);
    expect(result.model).not.toBeNull();
    const risks = await env.DB.prepare('SELECT risk, reasons FROM member_risk WHERE community_id = ?').bind(c.id).all<{ risk: number; reasons: string }>();
    expect(risks.results.length).toBe(result.members);
    expect(risks.results.length).toBeGreaterThan(10);
    for (const r of risks.results) {
      expect(r.risk).toBeGreaterThanOrEqual(0);
      expect(r.risk).toBeLessThanOrEqual(1);
      expect(JSON.parse(r.reasons).length).toBeGreaterThan(0);
    }
  });

  it('trains nothing for a community too small to learn from', async () => {
    const c = await newCommunity();
    expect(await refreshChurn(getDb(env), c.id)).toEqual({ members: 0, model: null });
  });
});

describe('badges after the daily job', () => {
  it('carry the community-relative score, level and trend; churn reasons only for moderators', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const ana = await c.join('member');
    const now = Date.now();
    await call('POST', '/v1/events', { events: [pageView(c.site, 'ana', '1', iso(now - 2 * DAY))] }, { token: ana.token });
    const page = {
      site: c.site,
      engine: 'discourse',
      thread: { id: '1', title: 'T', url: null, category: null, createdAt: null },
      posts: [{ id: '1', number: 1, author: 'ana', createdAt: iso(now - 2 * DAY), likeCount: 3, replyToNumber: null }],
    };
    const before = await call('POST', '/v1/annotate', page, { token: mod.token });
    expect(before.body.authors[0].engagement.basis).toBe('provisional');
    const ran = await runScheduled(env, now);
    expect(ran.churn.find((r) => r.communityId === c.id)).toMatchObject({ scored: 1 });
    // Give ana a stored churn risk, as the model would.
    const memberId = before.body.authors[0].memberId;
    await env.DB.prepare('INSERT INTO member_risk (member_id, community_id, risk, reasons, computed_at) VALUES (?, ?, 0.8, ?, ?)')
      .bind(memberId, c.id, JSON.stringify([{ feature: 'daysSinceActive', direction: 'raises', value: 30, typical: 3 }]), now)
      .run();
    const asMod = (await call('POST', '/v1/annotate', page, { token: mod.token })).body.authors[0].engagement;
    expect(asMod).toMatchObject({ basis: 'community', trend: { direction: 'new' }, churn: { risk: 0.8 } });
    expect(['newcomer', 'regular', 'core', 'at_risk', 'lapsed']).toContain(asMod.level);
    const asAna = (await call('POST', '/v1/annotate', page, { token: ana.token })).body.authors[0].engagement;
    expect(asAna).toMatchObject({ basis: 'community', churn: null });
    const own = await call('GET', '/v1/me/score', undefined, { token: ana.token });
    expect(own.body.scores[0].engagement).toMatchObject({ basis: 'community', churn: null });
  });
});
