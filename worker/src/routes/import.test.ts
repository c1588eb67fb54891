import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../../shared/schemas/import';
import { call } from '../../test/call';
import { ADMIN_TOKEN, newCommunity } from '../../test/fixtures';

function batch(site: string): ImportBatch {
  return {
    site,
    threads: [{ id: '100', title: 'How do I conjugate?', url: `${site}/questions/100`, category: null, createdAt: '2020-01-01T00:00:00Z', tags: ['grammar'], viewCount: 40 }],
    posts: [
      { thread: '100', id: '100', number: 1, author: 'Asker', createdAt: '2020-01-01T00:00:00Z', likeCount: 3, replyToNumber: null },
      { thread: '100', id: '101', number: null, author: 'Answerer', createdAt: '2020-01-02T00:00:00Z', likeCount: 5, replyToNumber: 1 },
      { thread: '200', id: '201', number: null, author: 'Answerer', createdAt: '2020-01-03T00:00:00Z', likeCount: 0, replyToNumber: 1 },
    ],
    events: [
      { id: '016f5e66-e800-7000-8000-000000000001', type: 'reply', ts: '2020-01-02T00:00:00Z', site, actor: 'Answerer', thread: '100', post: '100' },
    ],
  };
}

describe('POST /v1/admin/communities/:id/import', () => {
  it('stores a batch of history once, however often it is sent', async () => {
    const c = await newCommunity();
    const path = `/v1/admin/communities/${c.id}/import`;
    const first = await call('POST', path, batch(c.site), { token: ADMIN_TOKEN });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ threads: 2, posts: 3, events: { received: 1, stored: 1 } });
    const again = await call('POST', path, batch(c.site), { token: ADMIN_TOKEN });
    expect(again.body.events).toEqual({ received: 1, stored: 0 });
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM threads t JOIN sites s ON s.id = t.site_id WHERE s.origin = ?1) AS threads,
              (SELECT count(*) FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ?1) AS posts,
              (SELECT count(*) FROM members m JOIN sites s ON s.id = m.site_id WHERE s.origin = ?1) AS members,
              (SELECT count(*) FROM identities) AS links`,
    )
      .bind(c.site)
      .first<Record<string, number>>();
    expect(counts).toMatchObject({ threads: 2, posts: 3, members: 2 });
    // Imported people belong to no account: when the real Answerer joins, they can claim their identity.
    const answerer = await c.join('member');
    const claim = await call('POST', '/v1/events', { events: [{ ...batch(c.site).events[0]!, id: '016f5e66-e800-7000-8000-000000000002' }] }, { token: answerer.token });
    expect(claim.status).toBe(200);
  });

  it('refuses a site of another community', async () => {
    const c = await newCommunity();
    const other = await newCommunity();
    const res = await call('POST', `/v1/admin/communities/${c.id}/import`, batch(other.site), { token: ADMIN_TOKEN });
    expect(res.status).toBe(403);
  });
});
