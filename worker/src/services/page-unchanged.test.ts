import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type AnnotateRequest, annotateRequestSchema, type PostInput } from '../../../shared/schemas/annotate';
import { call } from '../../test/call';
import { newCommunity } from '../../test/fixtures';
import { getDb } from '../db/client';
import { pageRows } from './catalogue';
import { pageContext } from './page-context';
import { pageUnchanged } from './page-unchanged';
import { pseudonyms } from './pseudonym';
import { hashTexts } from './text-scores';

function post(id: string, over: Partial<PostInput> = {}): PostInput {
  return {
    id,
    number: Number(id),
    author: Number(id) % 2 ? 'alice' : 'bob',
    createdAt: `2026-11-0${id}T09:00:00Z`,
    likeCount: Number(id),
    replyToNumber: Number(id) > 1 ? 1 : null,
    text: `post ${id}`,
    ...over,
  };
}

function page(site: string, over: Partial<AnnotateRequest['thread']> = {}, posts = ['1', '2', '3'].map((id) => post(id))): AnnotateRequest {
  return {
    site,
    engine: 'discourse',
    thread: {
      id: '77',
      title: 'Pricing a course',
      url: `${site}/t/pricing/77`,
      category: 'Questions',
      createdAt: '2026-11-01T09:00:00Z',
      tags: ['pricing'],
      replyCount: 2,
      likeCount: 6,
      viewCount: 40,
      ...over,
    },
    posts,
  };
}

/**
 * Records `page(site)` through the route, then asks whether writing `next` would change what
 * D1 holds, from what pageContext reads back (the real stored rows, not a copy).
 */
async function recorded() {
  const c = await newCommunity();
  const res = await call('POST', '/v1/annotate', page(c.site), { token: c.owner });
  expect(res.status).toBe(200);
  return {
    site: c.site,
    async unchanged(next: AnnotateRequest, sealed: ReadonlyMap<string, string> = new Map()) {
      const authors = new Set(next.posts.flatMap((p) => (p.author ? [p.author] : [])));
      const [ids, hashes] = await Promise.all([pseudonyms(env.PSEUDONYM_KEY, c.site, authors), hashTexts(next.posts)]);
      const ctx = await pageContext(
        getDb(env),
        c.id,
        { site: c.site, threadId: next.thread.id, postIds: next.posts.map((p) => p.id) },
        [...ids.values()],
        hashes.values(),
      );
      return pageUnchanged(pageRows(ctx.site!, annotateRequestSchema.parse(next), ids, Date.now(), sealed, hashes), ctx.stored);
    },
  };
}

describe('pageUnchanged (what annotate may skip writing), against the rows D1 stored', () => {
  it('holds for the same page, and for a page that leaves values out (null keeps the stored one)', async () => {
    const r = await recorded();
    expect(await r.unchanged(page(r.site))).toBe(true);
    expect(await r.unchanged(page(r.site, { title: null, viewCount: null, tags: [] }))).toBe(true);
    expect(await r.unchanged(page(r.site, {}, [post('1', { likeCount: null, createdAt: null, text: undefined }), post('3')]))).toBe(true);
  });

  it('fails for any thread column the upsert would change', async () => {
    const r = await recorded();
    for (const over of [{ title: 'Pricing a course (solved)' }, { category: 'Answers' }, { replyCount: 3 }, { likeCount: 7 }, { viewCount: 41 }, { tags: ['pricing', 'courses'] }, { createdAt: '2026-11-01T10:00:00Z' }]) {
      expect(await r.unchanged(page(r.site, over)), JSON.stringify(over)).toBe(false);
    }
  });

  it('fails for a new post, and for any post column the upsert would change', async () => {
    const r = await recorded();
    expect(await r.unchanged(page(r.site, {}, [post('1'), post('2'), post('3'), post('4')]))).toBe(false);
    for (const over of [{ likeCount: 9 }, { number: 5 }, { replyToNumber: 2 }, { createdAt: '2026-11-09T09:00:00Z' }, { text: 'post 2, edited' }, { author: 'carol' }]) {
      expect(await r.unchanged(page(r.site, {}, [post('1'), post('2', over), post('3')])), JSON.stringify(over)).toBe(false);
    }
  });

  it('fails for an author the upsert would widen or name', async () => {
    const r = await recorded();
    const [alice] = [...(await pseudonyms(env.PSEUDONYM_KEY, r.site, ['alice'])).values()];
    // A stored name is kept; one missing is filled in.
    expect(await r.unchanged(page(r.site), new Map([[alice!, 'sealed']]))).toBe(true);
    await env.DB.prepare('UPDATE members SET display_name_enc = NULL WHERE id = ?').bind(alice).run();
    expect(await r.unchanged(page(r.site), new Map([[alice!, 'sealed']]))).toBe(false);
    // Seen later than her known window.
    await env.DB.prepare('UPDATE members SET last_seen_at = last_seen_at - 1, display_name_enc = ? WHERE id = ?').bind('x', alice).run();
    expect(await r.unchanged(page(r.site))).toBe(false);
  });
});
