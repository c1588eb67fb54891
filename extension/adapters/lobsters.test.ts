import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { lobstersAdapter } from './lobsters';

const STORY = path.join(SHARED_FORUMS, 'lobsters', 'lobsters_story_2020_handsonscala.html');
const STORY_URL = 'https://lobste.rs/s/claygr/what_are_you_doing_this_weekend';
/** Parsing dozens of whole pages with jsdom is slow on a busy machine. */
const SLOW = 120_000;

describe('Lobsters adapter on the real saved story page (2020, 26 comments)', () => {
  const { doc, url } = load(STORY, STORY_URL);
  const { page, elements } = lobstersAdapter.read(doc, url);
  const comments = page.posts.slice(1);
  const byId = new Map(page.posts.map((p) => [p.id, p]));

  it('reads the story as the thread', () => {
    expect(page).toMatchObject({ engine: 'lobsters', kind: 'thread', user: null, problems: [], listing: [] });
    expect(page.thread).toEqual({
      id: 'claygr',
      title: 'What are you doing this weekend?',
      url: STORY_URL,
      category: null,
      tags: ['ask', 'programming'],
      author: 'caius',
      createdAt: '2020-06-19T16:41:44.000Z', // title="2020-06-19 11:41:44 -0500"
      replyCount: 26, // "26 comments"
      likeCount: null,
      viewCount: null,
      linkUrl: null,
      score: 8, // <div class="score">8</div>
    });
  });

  it('reads the story as the opening post, then exactly 26 comments (27 posts)', () => {
    expect(page.posts).toHaveLength(27);
    expect(page.posts[0]).toMatchObject({
      id: 'claygr',
      author: 'caius',
      authorUrl: 'https://lobste.rs/u/caius',
      createdAt: '2020-06-19T16:41:44.000Z',
      score: 8,
      role: 'opening',
      depth: 0,
      parentId: null,
      text: 'Feel free to tell what you plan on doing this weekend and even ask for help or feedback.\nPlease keep in mind it’s more than OK to do nothing at all too!',
    });
  });

  it('reads the first and the last comment: authors, dates, scores', () => {
    expect(comments[0]).toMatchObject({
      id: 'vmrtbe',
      author: 'adamo',
      authorUrl: 'https://lobste.rs/u/adamo',
      createdAt: '2020-06-19T16:54:37.000Z', // "2020-06-19 11:54:37 -0500"
      score: 7,
      text: 'Catching up with work that I did not do during the workweek.',
      role: 'reply',
    });
    expect(comments.at(-1)).toMatchObject({
      id: 'i6y3kd',
      author: '0x70532007',
      createdAt: '2020-06-20T03:49:40.000Z', // "2020-06-19 22:49:40 -0500"
      score: null, // <div class="score">&nbsp;</div>: hidden, not zero
      depth: 0,
    });
    expect(comments.at(-1)!.text).toMatch(/^There’s an old Russian joke about scientists/);
  });

  it('keeps hidden scores null: only adamo’s comment shows one', () => {
    // grep '<div class="score">': 8 (story), 7 (adamo), 25 × &nbsp;
    expect(comments.filter((c) => c.score !== null).map((c) => [c.author, c.score])).toEqual([['adamo', 7]]);
  });

  it('builds the tree from the nested lists', () => {
    const perDepth: Record<number, number> = {};
    for (const c of comments) perDepth[c.depth!] = (perDepth[c.depth!] ?? 0) + 1;
    expect(perDepth).toEqual({ 0: 18, 1: 5, 2: 1, 3: 1, 4: 1 });
    for (const c of comments.filter((c) => c.depth === 0)) expect(c.parentId).toBe('claygr');
    // The deepest chain: pyj → mrr → pyj → JoshuaRLi → pyj.
    expect(['robpm6', 'tvbsho', 'gb0pu8', 'ig8eeu', 'bt5lcq'].map((id) => [byId.get(id)!.author, byId.get(id)!.depth, byId.get(id)!.parentId])).toEqual([
      ['pyj', 0, 'claygr'],
      ['mrr', 1, 'robpm6'],
      ['pyj', 2, 'tvbsho'],
      ['JoshuaRLi', 3, 'gb0pu8'],
      ['pyj', 4, 'ig8eeu'],
    ]);
    expect(byId.get('ohjd8f')).toMatchObject({ author: 'notagoodidea', parentId: 'vmrtbe', replyToUser: 'adamo' });
    expect(byId.get('p37nsr')).toMatchObject({ author: 'soc', parentId: '9wcsin', replyToUser: 'DanilaFe' });
    expect(byId.get('vmrtbe')!.replyToUser).toBeNull();
  });

  it('reads an edited comment’s shown time (the edit time) and list items as lines', () => {
    // srid: "edited <span title="2020-06-19 12:58:27 -0500">"
    expect(byId.get('isr4th')).toMatchObject({ author: 'srid', createdAt: '2020-06-19T17:58:27.000Z' });
    expect(byId.get('inh528')!.text).toContain('\nAlley Cat\nBoulder Dash\n');
  });

  it('anchors every post to the element holding its author link', () => {
    expect(elements.size).toBe(27);
    expect(elements.get('claygr')!.post.matches('li.story')).toBe(true);
    for (const p of page.posts) {
      const el = elements.get(p.id)!;
      expect(el.author!.matches('.byline')).toBe(true);
      expect([...el.author!.querySelectorAll('a')].some((a) => a.textContent === p.author)).toBe(true);
    }
    for (const c of comments) expect(elements.get(c.id)!.post.id).toBe(`c_${c.id}`);
  });
});

describe('Lobsters markup variants', () => {
  it('reads a listing built from the saved page’s own story row', () => {
    const { doc } = load(STORY, STORY_URL);
    const row = doc.querySelector('li.story')!.outerHTML;
    const second = row.replace(/claygr/g, 'zzzz42').replace('What are you doing this weekend?', 'Second story').replace(/26 comments/, 'no comments');
    const { doc: d2, url } = loadHtml(
      `<div id="header"><div id="headerleft"><a id="l_holder" href="/"></a></div>
       <div id="headerright"><span class="headerlinks"><a href="/messages">Messages</a><a href="/settings">pulse_tester (12)</a></span></div></div>
       <div id="inside"><ol class="stories list">${row}${second}</ol></div>`,
      'https://lobste.rs/',
    );
    const r = lobstersAdapter.read(d2, url);
    expect(r.page.kind).toBe('listing');
    expect(r.page.user).toEqual({ username: 'pulse_tester' });
    expect(r.page.posts).toEqual([]);
    expect(r.page.listing.map((t) => [t.id, t.title, t.author, t.score, t.replyCount, t.createdAt])).toEqual([
      ['claygr', 'What are you doing this weekend?', 'caius', 8, 26, '2020-06-19T16:41:44.000Z'],
      ['zzzz42', 'Second story', 'caius', 8, 0, '2020-06-19T16:41:44.000Z'],
    ]);
    expect(r.listingElements?.get('zzzz42')?.title?.textContent).toBe('Second story');
  });

  it('reads current markup: <time data-at-unix>, score in a.upvoter, "~" for a hidden score', () => {
    // Reconstructed from lobsters/lobsters app/views/comments/_threads.html.erb and
    // ApplicationHelper#how_long_ago_label (no saved current page exists).
    const comment = (id: string, user: string, unix: number, score: string, replies = '') => `
      <li class="comments_subtree"><input id="comment_folder_${id}" class="comment_folder_button" type="checkbox">
      <div class="comment_parent_tree_line score_shown"></div>
      <div id="c_${id}" data-shortid="${id}" class="comment">
        <div class="voters"><label class="comment_folder"></label><a class="upvoter" title="${score}" href="/login">${score}</a></div>
        <div class="details"><div class="byline"><a name="c_${id}"></a>
          <span class=""><a href="/~${user}"><img class="avatar" alt="${user} avatar"></a> <a href="/~${user}">${user}</a>
          <a href="/c/${id}"><time title="2024-05-01 07:00:00" datetime="2024-05-01 07:00:00" data-at-unix="${unix}">2 hours ago</time></a></span>
          | <span class="flagger flagger_stub"></span><span class="reason"></span></div>
        <div role="heading" aria-level="3" class="comment_text"><blockquote><p>quoted</p></blockquote><p>words of ${user}</p></div></div>
      </div><ol class="comments">${replies}</ol></li>`;
    const { doc, url } = loadHtml(
      `<div id="header"><a id="l_holder" href="/"></a></div><ol class="stories"><li id="story_abc123" data-shortid="abc123" class="story">
       <div class="story_liner h-entry"><div class="voters"><a class="upvoter" href="/login">-3</a></div><div class="details">
       <span class="link h-cite u-repost-of"><a class="u-url" href="https://example.com/x">A story</a></span>
       <div class="byline"><a href="/~alice"><img class="avatar"></a> via <a href="/~alice" class="u-author h-card">alice</a>
       <time title="2024-05-01 06:00:00" data-at-unix="1714543200">3 hours ago</time>
       <span class="comments_label"> | <a href="/s/abc123/a_story">2 comments</a></span></div></div></div></li></ol>
       <ol class="comments comments1">${comment('c1', 'bob', 1714546800, '12', comment('c2', 'carol', 1714550400, '~'))}</ol>`,
      'https://example.org/s/abc123/a_story',
    );
    expect(lobstersAdapter.detect(doc, url)).toBe(true);
    const { page } = lobstersAdapter.read(doc, url);
    expect(page.problems).toEqual([]);
    expect(page.thread).toMatchObject({ id: 'abc123', title: 'A story', url: 'https://example.org/s/abc123/a_story', author: 'alice', score: -3, replyCount: 2, createdAt: '2024-05-01T06:00:00.000Z' });
    expect(page.posts.map((p) => [p.id, p.author, p.authorUrl, p.createdAt, p.score, p.depth, p.parentId, p.text])).toEqual([
      ['abc123', 'alice', 'https://example.org/~alice', '2024-05-01T06:00:00.000Z', -3, 0, null, ''],
      ['c1', 'bob', 'https://example.org/~bob', '2024-05-01T07:00:00.000Z', 12, 0, 'abc123', 'words of bob'],
      ['c2', 'carol', 'https://example.org/~carol', '2024-05-01T08:00:00.000Z', null, 1, 'c1', 'words of carol'],
    ]);
  });
});

describe('Lobsters adapter robustness', () => {
  it('is detected on its page, whatever the URL', () => {
    for (const u of [STORY_URL, 'https://example.org/']) {
      const { doc, url } = load(STORY, u);
      expect(lobstersAdapter.detect(doc, url), u).toBe(true);
    }
  });

  it('recognises no other engine’s page (nor the demo forum) as Lobsters', () => {
    const files: string[] = [];
    for (const dir of readdirSync(SHARED_FORUMS)) {
      if (dir === 'lobsters') continue;
      for (const f of readdirSync(path.join(SHARED_FORUMS, dir))) files.push(path.join(SHARED_FORUMS, dir, f));
    }
    const demo = path.resolve(import.meta.dirname, '../../demo/forum');
    for (const f of readdirSync(demo).filter((f) => f.endsWith('.html'))) files.push(path.join(demo, f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const { doc, url } = load(f, 'https://example.org/');
      expect(lobstersAdapter.detect(doc, url), f).toBe(false);
    }
  }, SLOW);

  it('never throws on truncated pages and returns only well-formed posts', () => {
    const { html } = load(STORY, STORY_URL);
    let seen = 0;
    for (let i = 0; i <= 25; i++) {
      const cut = Math.floor((html.length * i) / 25);
      const { doc, url } = loadHtml(html.slice(0, cut), STORY_URL);
      const r = lobstersAdapter.read(doc, url);
      expect(r.page.engine).toBe('lobsters');
      expect(r.page.problems.filter((p) => p.includes('unreadable page'))).toEqual([]);
      expect(r.page.posts.length).toBeGreaterThanOrEqual(seen); // a longer prefix never loses posts
      seen = r.page.posts.length;
      for (const p of r.page.posts) {
        expect(p.id).toMatch(/^[a-z0-9]+$/);
        expect(typeof p.text).toBe('string');
        expect(p.depth === 0 ? true : typeof p.parentId === 'string').toBe(true);
        expect(r.elements.has(p.id)).toBe(true);
      }
    }
    expect(seen).toBe(27);
  }, SLOW);

  it('survives comments without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<div id="header"><a id="l_holder"></a></div>
       <ol class="stories"><li class="story" data-shortid="s1"><div class="voters"><div class="score">lots</div></div>
       <div class="details"><div class="byline"><span title="last tuesday">?</span></div></div></li></ol>
       <ol class="comments">
         <li class="comments_subtree"><div class="comment" data-shortid=""></div></li>
         <li class="comments_subtree"><div class="comment" data-shortid="../x"></div></li>
         <li class="comments_subtree"><div id="c_k1" class="comment"><div class="voters"><div class="score">NaN</div></div>
           <div class="details"><div class="byline"><a href="javascript:alert(1)">evil</a><span title="2020-99-99 99:99:99 -0500">x</span></div>
           <div class="comment_text"><script>alert(1)</script><p>hello</p></div></div></div>
           <ol class="comments"><li class="comments_subtree"><div data-shortid="k2" class="comment"></div><ol class="comments"></ol></li></ol></li>
       </ol>`,
      'https://lobste.rs/s/s1/x',
    );
    const r = lobstersAdapter.read(doc, url);
    expect(r.page.kind).toBe('thread');
    expect(r.page.thread).toMatchObject({ id: 's1', title: null, author: null, createdAt: null, score: null });
    expect(r.page.posts.map((p) => [p.id, p.author, p.authorUrl, p.createdAt, p.score, p.depth, p.parentId, p.text])).toEqual([
      ['s1', null, null, null, null, 0, null, ''],
      ['k1', null, null, null, null, 0, 's1', 'hello'],
      ['k2', null, null, null, null, 1, 'k1', ''],
    ]);
    expect(r.page.problems).toEqual(
      expect.arrayContaining(['lobsters: story title not readable', 'lobsters: comment k1 has no readable author', 'lobsters: comment k2 has no readable date']),
    );
  });
});
