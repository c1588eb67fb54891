import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AnnotateRequest } from '../../../shared/schemas/annotate';
import { call } from '../../test/call';
import { newCommunity, pageView, postSeen } from '../../test/fixtures';

function pageOf(site: string): AnnotateRequest {
  const p = (id: string, n: number, author: string, likes: number, replyTo: number | null = null) => ({
    id,
    number: n,
    author,
    createdAt: `2026-11-0${n}T09:00:00Z`,
    likeCount: likes,
    replyToNumber: replyTo,
  });
  return {
    site,
    engine: 'discourse',
    thread: { id: '7', title: 'T', url: null, category: null, createdAt: null },
    posts: [p('1', 1, 'una', 4), p('2', 2, 'vic', 2, 1), p('3', 3, 'una', 1, 2)],
  };
}

describe('a member’s own data', () => {
  it('explains their own score', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una')] }, { token: una.token });
    await call('POST', '/v1/annotate', pageOf(c.site), { token: c.owner });
    const res = await call('GET', '/v1/me/score', undefined, { token: una.token });
    expect(res.status).toBe(200);
    expect(res.body.scores).toHaveLength(1);
    expect(res.body.scores[0]).toMatchObject({ site: c.site, activity: { posts: 2, likesReceived: 5, repliesReceived: 1 } });
    expect(res.body.scores[0].engagement.components.map((x: { key: string }) => x.key)).toEqual([
      'posts',
      'likesReceived',
      'repliesReceived',
      'daysActive',
    ]);
  });

  it('exports everything stored about them as JSON', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una', '7'), postSeen(c.site, 'una', '2', '7')] }, { token: una.token });
    await call('POST', '/v1/annotate', pageOf(c.site), { token: c.owner });
    const res = await call('GET', '/v1/me/export', undefined, { token: una.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.body.account).toMatchObject({ id: una.accountId, role: 'member' });
    expect(res.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['page_view', 'post_seen']);
    expect(res.body.posts.map((p: { ext_id: string }) => p.ext_id)).toEqual(['1', '3']);
    expect(res.body.identities).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain('"una"');
  });

  it('deletes it: events, scores and authorship go, aggregates follow, the token stops working', async () => {
    const c = await newCommunity();
    const una = await c.join('member');
    const mod = await c.join('moderator');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'una', '7'), postSeen(c.site, 'una', '2', '7')] }, { token: una.token });
    await call('POST', '/v1/annotate', pageOf(c.site), { token: c.owner });
    const before = await call('GET', '/v1/community/members', undefined, { token: mod.token });
    expect(before.body.total).toBe(2);
    const vicBefore = before.body.members.find((m: { activity: { posts: number } }) => m.activity.posts === 1);
    expect(vicBefore.activity.repliesReceived).toBe(1); // una's post 3 replies to vic

    const del = await call('DELETE', '/v1/me', undefined, { token: una.token });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ revoked: true, deleted: { identities: 1, events: 2, posts: 2 } });

    const after = await call('GET', '/v1/community/members', undefined, { token: mod.token });
    expect(after.body.total).toBe(1);
    // vic still received a reply (the post exists on the forum), now from nobody we know.
    expect(after.body.members[0].activity).toMatchObject({ posts: 1, repliesReceived: 1 });
    const n = await env.DB.prepare('SELECT count(*) AS n FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ? AND p.author_member_id IS NULL')
      .bind(c.site)
      .first<{ n: number }>();
    expect(n!.n).toBe(2);
    expect((await call('GET', '/v1/me', undefined, { token: una.token })).status).toBe(401);

    // Seen again on a page later, una is not recorded again.
    const again = await call('POST', '/v1/annotate', pageOf(c.site), { token: c.owner });
    expect(again.body.authors.map((a: { author: string }) => a.author)).toEqual(['vic']);
    expect((await call('GET', '/v1/community/members', undefined, { token: mod.token })).body.total).toBe(1);
  });

  it('shows owners the members’ names, decrypted; moderators see pseudonyms only; the database holds ciphertext', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    await call('POST', '/v1/annotate', pageOf(c.site), { token: c.owner });
    const asOwner = await call('GET', '/v1/community/members', undefined, { token: c.owner });
    expect(asOwner.body.members.map((m: { displayName: string }) => m.displayName).sort()).toEqual(['una', 'vic']);
    const asMod = await call('GET', '/v1/community/members', undefined, { token: mod.token });
    expect(asMod.body.members.every((m: { displayName: string | null }) => m.displayName === null)).toBe(true);
    const rows = await env.DB.prepare('SELECT display_name_enc FROM members WHERE community_id = ?').bind(c.id).all<{ display_name_enc: string }>();
    for (const r of rows.results) {
      expect(r.display_name_enc).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(atob(r.display_name_enc)).not.toMatch(/una|vic/);
    }
  });
});
