import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { engagementScore } from '../../../shared/engagement';
import type { AnnotateRequest, AnnotateResponse, PostInput } from '../../../shared/schemas/annotate';
import { call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';

function post(over: Partial<PostInput> & Pick<PostInput, 'id'>): PostInput {
  return { number: null, author: null, createdAt: null, likeCount: null, replyToNumber: null, ...over };
}

function page(site: string, posts: PostInput[], threadId = '12483'): AnnotateRequest {
  return {
    site,
    engine: 'discourse',
    thread: {
      id: threadId,
      title: 'Congratulations',
      url: `${site}/t/congratulations/${threadId}`,
      category: 'praise',
      createdAt: '2026-11-01T09:00:00Z',
    },
    posts,
  };
}

const thread = [
  post({ id: '1', number: 1, author: 'alice', createdAt: '2026-11-01T09:00:00Z', likeCount: 5 }),
  post({ id: '2', number: 2, author: 'bob', createdAt: '2026-11-01T10:00:00Z', likeCount: 2 }),
  post({ id: '3', number: 3, author: 'alice', createdAt: '2026-11-02T08:00:00Z', likeCount: 0, replyToNumber: 2 }),
  post({ id: '4', number: 4, author: 'carol', createdAt: '2026-11-03T08:00:00Z', likeCount: 1, replyToNumber: 1 }),
];

const byAuthor = (res: AnnotateResponse) => Object.fromEntries(res.authors.map((a) => [a.author, a]));

describe('POST /v1/annotate', () => {
  it('returns each author’s activity and score from the posts it has seen', async () => {
    const { site, owner } = await newCommunity();
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, thread), { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.visibility).toBe('all');
    expect(res.body.thread).toBe('12483');
    const a = byAuthor(res.body);
    expect(Object.keys(a).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(a.alice!.activity).toEqual({
      posts: 2,
      topics: 1,
      replies: 1,
      likesReceived: 5,
      repliesReceived: 2, // bob's reply to the topic and carol's reply to post 1
      daysActive: 2,
      lastActiveAt: '2026-11-02T08:00:00.000Z',
    });
    expect(a.bob!.activity).toMatchObject({ posts: 1, topics: 0, replies: 1, likesReceived: 2, repliesReceived: 1 });
    expect(a.carol!.activity).toMatchObject({ posts: 1, repliesReceived: 0, daysActive: 1 });
    for (const x of res.body.authors) {
      expect(x.engagement).toEqual(engagementScore(x.activity));
      expect(x.memberId).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(a.alice!.engagement.score).toBeGreaterThan(a.carol!.engagement.score);
  });

  it('records the page once: sending it again updates like counts in place', async () => {
    const { site, owner: token } = await newCommunity();
    await call('POST', '/v1/annotate', page(site, thread), { token });
    const liked = thread.map((p) => (p.id === '1' ? { ...p, likeCount: 9 } : p));
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, liked), { token });
    expect(byAuthor(res.body).alice!.activity.likesReceived).toBe(9);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ?')
      .bind(site)
      .first<{ n: number }>();
    expect(n!.n).toBe(4);
    const t = await env.DB.prepare(
      'SELECT t.title, t.category FROM threads t JOIN sites s ON s.id = t.site_id WHERE s.origin = ?',
    )
      .bind(site)
      .all();
    expect(t.results).toEqual([{ title: 'Congratulations', category: 'praise' }]);
  });

  it('answers a page re-sent unchanged exactly as the first time (from its read batch alone, writing nothing)', async () => {
    const { site, owner, join } = await newCommunity();
    const member = await join('member');
    await call('POST', '/v1/events', { events: [pageView(site, 'bob')] }, { token: member.token });
    for (const token of [owner, member.token]) {
      const first = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, thread), { token });
      const stamp = () => env.DB.prepare('SELECT max(updated_at) AS t FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ?').bind(site).first<{ t: number }>();
      const before = await stamp();
      const again = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, thread), { token });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.body.authors.length).toBe(token === owner ? 3 : 1);
      expect(await stamp()).toEqual(before);
    }
  });

  it('counts days on which an author only read (events) as active days', async () => {
    const { site, owner: token } = await newCommunity();
    await call(
      'POST',
      '/v1/events',
      { events: [pageView(site, 'Carol', '12483', '2026-11-10T12:00:00Z'), pageView(site, 'carol', '9', '2026-11-11T12:00:00Z')] },
      { token },
    );
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, thread), { token });
    expect(byAuthor(res.body).carol!.activity).toMatchObject({ daysActive: 3, lastActiveAt: '2026-11-11T12:00:00.000Z' });
  });

  it('handles a 500-post page by 500 different authors', async () => {
    const { site, owner: token } = await newCommunity();
    const posts = Array.from({ length: 500 }, (_, i) =>
      post({ id: `p${i}`, number: i + 1, author: `user${i}`, createdAt: '2026-11-05T00:00:00Z', likeCount: i % 3 }),
    );
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, posts, '777'), { token });
    expect(res.status).toBe(200);
    expect(res.body.authors).toHaveLength(500);
    expect(byAuthor(res.body).user0!.activity.repliesReceived).toBe(499);
  });

  it('accepts posts with no visible author and leaves them out of the answer', async () => {
    const { site, owner: token } = await newCommunity();
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(site, [post({ id: '1', number: 1 })]), { token });
    expect(res.status).toBe(200);
    expect(res.body.authors).toEqual([]);
  });

  it('gives members only their own score, and nobody others’ scores once the owner switches them off', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const bob = await c.join('member');
    // bob browses signed in as "bob": that forum identity becomes his.
    await call('POST', '/v1/events', { events: [pageView(c.site, 'bob')] }, { token: bob.token });

    const asBob = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, thread), { token: bob.token });
    expect(asBob.body.visibility).toBe('own');
    expect(asBob.body.authors.map((a) => a.author)).toEqual(['bob']);
    const asMod = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, thread), { token: mod.token });
    expect(asMod.body.authors.map((a) => a.author).sort()).toEqual(['alice', 'bob', 'carol']);

    const off = await call('PATCH', '/v1/community/settings', { memberScores: false }, { token: c.owner });
    expect(off.status).toBe(200);
    const asOwner = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, thread), { token: c.owner });
    expect(asOwner.body).toMatchObject({ visibility: 'own', authors: [] });
    expect((await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, thread), { token: bob.token })).body.authors).toHaveLength(1);
  });

  it('refuses a page of a site outside the caller’s community', async () => {
    const mine = await newCommunity();
    const other = await newCommunity();
    const res = await call('POST', '/v1/annotate', page(other.site, thread), { token: mine.owner });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('site_not_in_community');
  });

  it.each([
    ['an unknown engine', (b: any) => ({ ...b, engine: 'myspace' }), 'engine'],
    ['a missing thread id', (b: any) => ({ ...b, thread: { ...b.thread, id: undefined } }), 'thread.id'],
    ['a javascript: thread url', (b: any) => ({ ...b, thread: { ...b.thread, url: 'javascript:alert(1)' } }), 'thread.url'],
    ['a bad post date', (b: any) => ({ ...b, posts: [{ ...b.posts[0], createdAt: 'June 19' }] }), 'posts.0.createdAt'],
    ['a negative like count', (b: any) => ({ ...b, posts: [{ ...b.posts[0], likeCount: -3 }] }), 'posts.0.likeCount'],
    ['post text over 8,000 characters', (b: any) => ({ ...b, posts: [{ ...b.posts[0], text: 'x'.repeat(8001) }] }), 'posts.0.text'],
    ['post text that is not a string', (b: any) => ({ ...b, posts: [{ ...b.posts[0], text: 42 }] }), 'posts.0.text'],
  ])('rejects %s with a 400 naming the field', async (_name, mutate, field) => {
    const { owner: token } = await newCommunity();
    const res = await call('POST', '/v1/annotate', mutate(page('https://forum.example', thread)), { token });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });
});
