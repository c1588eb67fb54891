import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent } from '../../../shared/schemas/events';
import { call } from '../../test/call';
import { dwell, newCommunity, pageView, postSeen } from '../../test/fixtures';

async function countEvents(site: string): Promise<number> {
  const row = await env.DB.prepare(
    'SELECT count(*) AS n FROM events e JOIN sites s ON s.id = e.site_id WHERE s.origin = ?',
  )
    .bind(site)
    .first<{ n: number }>();
  return row!.n;
}

describe('POST /v1/events', () => {
  it('stores a full batch of 500 events, and the same batch sent again only once', async () => {
    const { site, owner: token } = await newCommunity();
    const events: PulseEvent[] = Array.from({ length: 500 }, (_, i) =>
      i % 2 === 0 ? pageView(site, `member${i % 7}`) : postSeen(site, i % 5 === 0 ? null : 'alice', String(i)),
    );
    const first = await call('POST', '/v1/events', { events }, { token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 500, stored: 500 });
    expect(await countEvents(site)).toBe(500);

    const again = await call('POST', '/v1/events', { events }, { token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: 500, stored: 0 });
    expect(await countEvents(site)).toBe(500);
  });

  it('stores only the new events of a batch that partly repeats an earlier one', async () => {
    const { site, owner: token } = await newCommunity();
    const old = [pageView(site, 'bob'), pageView(site, 'bob')];
    await call('POST', '/v1/events', { events: old }, { token });
    const res = await call('POST', '/v1/events', { events: [...old, dwell(site, 'bob', 42_000)] }, { token });
    expect(res.body).toEqual({ received: 3, stored: 1 });
    expect(await countEvents(site)).toBe(3);
  });

  it('keeps usernames out of the database: events and members carry a pseudonym', async () => {
    const { site, owner: token } = await newCommunity();
    await call('POST', '/v1/events', { events: [pageView(site, 'Carol_Secret'), dwell(site, 'carol_secret', 5000)] }, { token });
    const rows = await env.DB.prepare(
      'SELECT e.*, m.id AS mid FROM events e JOIN sites s ON s.id = e.site_id LEFT JOIN members m ON m.id = e.member_id WHERE s.origin = ?',
    )
      .bind(site)
      .all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(2);
    const ids = new Set(rows.results.map((r) => r.member_id));
    expect(ids.size).toBe(1); // usernames are case-insensitive
    const [id] = [...ids];
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const dump = JSON.stringify(rows.results);
    expect(dump.toLowerCase()).not.toContain('carol');
    const dwellRow = rows.results.find((r) => r.type === 'dwell')!;
    expect(dwellRow.value).toBe(5000);
    expect(dwellRow.ts).toBe(Date.parse('2026-11-20T10:03:00Z'));
  });

  it('gives the same member a different pseudonym on another site', async () => {
    const { sites: [a, b], owner: token } = await newCommunity(2);
    await call('POST', '/v1/events', { events: [pageView(a!, 'dave'), pageView(b!, 'dave')] }, { token });
    const rows = await env.DB.prepare(
      'SELECT DISTINCT e.member_id AS id FROM events e JOIN sites s ON s.id = e.site_id WHERE s.origin IN (?, ?)',
    )
      .bind(a!, b!)
      .all<{ id: string }>();
    expect(rows.results).toHaveLength(2);
  });

  it('stores signed-out events without a member', async () => {
    const { site, owner: token } = await newCommunity();
    const res = await call('POST', '/v1/events', { events: [pageView(site, null)] }, { token });
    expect(res.body.stored).toBe(1);
    const row = await env.DB.prepare(
      'SELECT e.member_id FROM events e JOIN sites s ON s.id = e.site_id WHERE s.origin = ?',
    )
      .bind(site)
      .first<{ member_id: string | null }>();
    expect(row!.member_id).toBeNull();
  });

  it('refuses events for a site outside the caller’s community', async () => {
    const mine = await newCommunity();
    const other = await newCommunity();
    const res = await call('POST', '/v1/events', { events: [pageView(mine.site, 'x'), pageView(other.site, 'x')] }, { token: mine.owner });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'site_not_in_community' });
    expect(res.body.error.message).toContain('events.1.site');
    expect(await countEvents(mine.site)).toBe(0);
  });

  it('links a forum identity to the first account that reports it, and refuses it to others', async () => {
    const c = await newCommunity();
    const member = await c.join('member');
    expect((await call('POST', '/v1/events', { events: [pageView(c.site, 'erin')] }, { token: member.token })).status).toBe(200);
    // The owner's own events in the same batch are not stored either: a refused batch stores nothing.
    const stolen = await call('POST', '/v1/events', { events: [pageView(c.site, 'olga'), pageView(c.site, 'Erin')] }, { token: c.owner });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe('identity_taken');
    expect(stolen.body.error.message).toContain('events.1.actor');
    expect(await countEvents(c.site)).toBe(1);
    const linked = await env.DB.prepare('SELECT count(*) AS n FROM identities WHERE account_id = ?').bind(c.ownerAccountId).first<{ n: number }>();
    expect(linked!.n).toBe(0);
    const me = await call('GET', '/v1/me', undefined, { token: member.token });
    expect(me.body.identities).toEqual([{ memberId: expect.stringMatching(/^[0-9a-f]{32}$/), site: c.site }]);
  });

  it('records an erased member no more: their later events are stored without a member, and no member row or link comes back', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una')] }, { token: una.token });
    expect((await call('DELETE', '/v1/me', undefined, { token: una.token })).status).toBe(200);
    // She joins again and browses as "una": her pseudonym stays erased.
    const again = await c.join('member');
    const res = await call('POST', '/v1/events', { events: [pageView(c.site, 'una', '8'), postSeen(c.site, 'una', '3', '8')] }, { token: again.token });
    expect(res.body).toEqual({ received: 2, stored: 2 });
    const rows = await env.DB.prepare('SELECT e.member_id FROM events e JOIN sites s ON s.id = e.site_id WHERE s.origin = ?').bind(c.site).all<{ member_id: string | null }>();
    expect(rows.results).toEqual([{ member_id: null }, { member_id: null }]);
    const members = await env.DB.prepare('SELECT count(*) AS n FROM members m JOIN sites s ON s.id = m.site_id WHERE s.origin = ?').bind(c.site).first<{ n: number }>();
    expect(members!.n).toBe(0);
    expect((await call('GET', '/v1/me', undefined, { token: again.token })).body.identities).toEqual([]);
  });

  describe('rejects bad input with a 400 naming the field', () => {
    const site = 'https://forum.example';
    let token: string;
    beforeAll(async () => {
      token = (await newCommunity()).owner;
    });
    const cases: Array<[string, unknown, string]> = [
      ['missing events', {}, 'events'],
      ['empty batch', { events: [] }, 'events'],
      ['a batch over 500', { events: Array.from({ length: 501 }, () => pageView(site, 'x')) }, 'events'],
      ['an id that is not a UUIDv7', { events: [{ ...pageView(site, 'x'), id: 'not-a-uuid' }] }, 'events.0.id'],
      [
        'a UUIDv4 id',
        { events: [{ ...pageView(site, 'x'), id: '0b8a6c1e-3c5d-4f1a-9b2e-1d2c3b4a5f60' }] },
        'events.0.id',
      ],
      ['an unknown event type', { events: [{ ...pageView(site, 'x'), type: 'teleport' }] }, 'events.0.type'],
      ['a bad timestamp', { events: [{ ...pageView(site, 'x'), ts: 'yesterday' }] }, 'events.0.ts'],
      ['a site with a path', { events: [pageView('https://forum.example/t/1', 'x')] }, 'events.0.site'],
      [
        'a negative dwell',
        { events: [{ ...dwell(site, 'x', 1), durationMs: -1 }] },
        'events.0.durationMs',
      ],
      ['a post_seen without its post', { events: [{ ...postSeen(site, 'x', '1'), post: undefined }] }, 'events.0.post'],
      ['an unexpected field', { events: [{ ...pageView(site, 'x'), username: 'x' }] }, 'events.0'],
      ['a username with control characters', { events: [pageView(site, 'a\u0000b')] }, 'events.0.actor'],
    ];
    for (const [name, body, field] of cases) {
      it(name, async () => {
        const res = await call('POST', '/v1/events', body, { token });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_body');
        expect(res.body.error.field).toBe(field);
        expect(res.body.error.message).toContain(field);
      });
    }
  });

  it('rejects malformed JSON with a JSON 400', async () => {
    const { owner: token } = await newCommunity();
    const res = await call('POST', '/v1/events', undefined, {
      raw: '{"events": [',
      headers: { 'content-type': 'application/json' },
      token,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await call('POST', '/v1/events', undefined, { raw: 'events=1', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('rejects a body over the size limit with 413', async () => {
    const res = await call('POST', '/v1/events', undefined, {
      raw: JSON.stringify({ events: [], pad: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});
