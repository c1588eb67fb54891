import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { newCommunity } from '../../test/fixtures';
import { getDb } from '../db/client';
import { rawBatch } from '../db/raw-batch';
import { type EventRow, eventJsonChunks, insertEventStatements, storedCount } from './insert-events';

async function siteId(origin: string): Promise<number> {
  return (await env.DB.prepare('SELECT id FROM sites WHERE origin = ?').bind(origin).first<{ id: number }>())!.id;
}

/** Ids unique to a site: tests share one database. */
function row(siteId: number, i: number, extra: Partial<EventRow> = {}): EventRow {
  return {
    id: `0190a000-${String(siteId).padStart(4, '0')}-7000-8000-${String(i).padStart(12, '0')}`,
    siteId,
    memberId: null,
    type: 'page_view',
    ts: 1_760_000_000_000 + i,
    receivedAt: 1_760_000_100_000,
    threadExtId: `t${i % 7}`,
    postExtId: null,
    value: null,
    props: null,
    ...extra,
  };
}

async function store(rows: EventRow[]): Promise<number> {
  const db = getDb(env);
  return storedCount(await rawBatch(db, insertEventStatements(rows)));
}

describe('insertEventStatements', () => {
  it('stores every column with its type, and a second insert of the same rows stores nothing', async () => {
    const c = await newCommunity();
    const site = await siteId(c.site);
    const rows = [
      row(site, 1),
      row(site, 2, { type: 'dwell', value: 12_345.5, postExtId: 'p9', props: JSON.stringify({ from: 'recs' }) }),
      row(site, 3, { threadExtId: 'quote\'s "and" 中文 🙂', postExtId: '<script>x</script>' }),
    ];
    expect(await store(rows)).toBe(3);
    expect(await store(rows)).toBe(0);
    const got = await env.DB.prepare(
      'SELECT id, site_id, member_id, type, ts, typeof(ts) AS tsType, received_at, thread_ext_id, post_ext_id, value, typeof(value) AS valueType, props FROM events WHERE site_id = ? ORDER BY id',
    )
      .bind(site)
      .all<Record<string, unknown>>();
    expect(got.results).toEqual(
      rows.map((r) => ({
        id: r.id,
        site_id: r.siteId,
        member_id: null,
        type: r.type,
        ts: r.ts,
        tsType: 'integer',
        received_at: r.receivedAt,
        thread_ext_id: r.threadExtId,
        post_ext_id: r.postExtId,
        value: r.value,
        valueType: r.value === null ? 'null' : 'real',
        props: r.props,
      })),
    );
  });

  it('counts a duplicate inside one batch once', async () => {
    const c = await newCommunity();
    const site = await siteId(c.site);
    expect(await store([row(site, 1), row(site, 1), row(site, 2)])).toBe(2);
  });

  it('splits large row sets into statements under the size cap, losing none', async () => {
    const c = await newCommunity();
    const site = await siteId(c.site);
    const rows = Array.from({ length: 1200 }, (_, i) => row(site, i, { threadExtId: 'x'.repeat(400) }));
    expect(eventJsonChunks(rows).length).toBeGreaterThan(1);
    expect(eventJsonChunks(rows, 4096).every((j) => j.length <= 4096)).toBe(true);
    expect(await store(rows)).toBe(1200);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM events WHERE site_id = ?').bind(site).first<{ n: number }>();
    expect(n!.n).toBe(1200);
  });

  it('counts the events stored, not the cache rows their triggers invalidate', async () => {
    const c = await newCommunity();
    const site = await siteId(c.site);
    const community = (await env.DB.prepare('SELECT community_id AS id FROM sites WHERE id = ?').bind(site).first<{ id: number }>())!.id;
    const member = `m${site}`.padEnd(32, '0');
    await env.DB.batch([
      env.DB.prepare('INSERT INTO members (id, site_id, community_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, 0, 0)').bind(member, site, community),
      env.DB.prepare(
        'INSERT INTO member_activity (member_id, posts, topics, replies, likes_received, replies_received, days_active, computed_at) VALUES (?, 1, 0, 0, 0, 0, 1, 0)',
      ).bind(member),
    ]);
    expect(await store([row(site, 1, { memberId: member }), row(site, 2, { memberId: member })])).toBe(2);
    const cached = await env.DB.prepare('SELECT count(*) AS n FROM member_activity WHERE member_id = ?').bind(member).first<{ n: number }>();
    expect(cached!.n).toBe(0);
  });
});
