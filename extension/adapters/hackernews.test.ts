import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { hackernewsAdapter } from './hackernews';

const HN = path.join(SHARED_FORUMS, 'hackernews');
const ITEM = path.join(HN, 'hn_item_2023-07_postlight.html');
const FRONT = path.join(HN, 'hn_frontpage_2022-08_purifier.html');
const ITEM_URL = 'https://news.ycombinator.com/item?id=36817231';
const FRONT_URL = 'https://news.ycombinator.com/news';
/** Parsing dozens of whole pages with jsdom is slow on a busy machine. */
const SLOW = 120_000;

describe('Hacker News adapter on the real saved item page (2023, 100 comments)', () => {
  const { doc, url } = load(ITEM, ITEM_URL);
  const { page, elements } = hackernewsAdapter.read(doc, url);
  const comments = page.posts.slice(1);
  const byId = new Map(page.posts.map((p) => [p.id, p]));

  it('reads the story as the thread', () => {
    expect(page).toMatchObject({ engine: 'hackernews', kind: 'thread', user: null, problems: [] });
    expect(page.thread).toMatchObject({
      id: '36817231',
      title: 'Ask HN: What are the best papers you read in your life?',
      url: ITEM_URL,
      author: 'toombowoombo',
      createdAt: '2023-07-21T18:04:01.000Z', // span.age title="2023-07-21T18:04:01" (UTC)
      score: 225, // "225 points"
      replyCount: 100, // "100&nbsp;comments"
      linkUrl: null, // Ask HN: the title links to the item itself
    });
  });

  it('reads the story as the opening post with its points, then exactly 100 comments', () => {
    expect(page.posts).toHaveLength(101);
    expect(page.posts[0]).toMatchObject({
      id: '36817231',
      author: 'toombowoombo',
      authorUrl: 'https://news.ycombinator.com/user?id=toombowoombo',
      createdAt: '2023-07-21T18:04:01.000Z',
      score: 225,
      role: 'opening',
      depth: 0,
      parentId: null,
    });
    expect(page.posts[0]!.text).toBe(
      "I'm trying to get an understanding on what quality means in terms of publishing research and I learn best through examples. Any recommendation is highly appreciated ^^.\n" +
        "I'm also interested in papers from many disciplines, so the wider the range of domains, the higher the value!",
    );
  });

  it('reads the first and last comment (authors, dates; no score, HN hides comment points)', () => {
    expect(comments[0]).toMatchObject({
      id: '36818754',
      author: 'PaulRobinson',
      createdAt: '2023-07-21T19:51:36.000Z',
      score: null,
      likeCount: null,
      role: 'reply',
    });
    expect(comments[0]!.text).toMatch(/^Claude Shannon's "A Mathematical Theory of Communication"\[1\] is often considered a classic/);
    expect(comments[0]!.text).not.toContain('reply'); // the reply link is chrome
    expect(comments.at(-1)).toMatchObject({
      id: '36819066',
      author: 'femiagbabiaka',
      createdAt: '2023-07-21T20:15:59.000Z',
      score: null,
      text: 'Lisanne Bainbridge, Ironies of Automation. Especially timely now when every company is bolting a LLM onto the side of their software.',
    });
    for (const c of comments) {
      expect(c.author).toMatch(/^[\w-]+$/);
      expect(c.createdAt).toMatch(/^2023-07-2\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(c.score).toBeNull();
    }
  });

  it('builds the tree from the indent: depths and parent links', () => {
    // grep -o 'indent="[0-9]*"': 58 × 0, 26 × 1, 11 × 2, 3 × 3, 2 × 4
    const perDepth: Record<number, number> = {};
    for (const c of comments) perDepth[c.depth!] = (perDepth[c.depth!] ?? 0) + 1;
    expect(perDepth).toEqual({ 0: 58, 1: 26, 2: 11, 3: 3, 4: 2 });
    for (const c of comments.filter((c) => c.depth === 0)) expect(c.parentId).toBe('36817231');
    // Checked in the HTML: cvwright (indent 1) under PaulRobinson; the two indent-4 comments.
    expect(byId.get('36821956')).toMatchObject({ author: 'cvwright', depth: 1, parentId: '36818754', replyToUser: 'PaulRobinson' });
    expect(byId.get('36827866')).toMatchObject({ author: 'solardev', depth: 4, parentId: '36827645', replyToUser: 'rramadass' });
    expect(byId.get('36827645')).toMatchObject({ author: 'rramadass', depth: 3, parentId: '36826585', replyToUser: 'solardev' });
    expect(byId.get('36831585')).toMatchObject({ author: 'wannabebarista', depth: 4, parentId: '36830884', replyToUser: 'tnecniv' });
    expect(byId.get('36830759')).toMatchObject({ author: 'rramadass', depth: 3, parentId: '36828498' });
  });

  it('agrees with HN’s own subtree sizes (the [–] toggle’s n attribute)', () => {
    const children = new Map<string, string[]>();
    for (const c of comments) children.set(c.parentId!, [...(children.get(c.parentId!) ?? []), c.id]);
    const size = (id: string): number => 1 + (children.get(id) ?? []).reduce((n, k) => n + size(k), 0);
    for (const c of comments) {
      const n = Number(doc.querySelector(`a.togg[id="${c.id}"]`)!.getAttribute('n'));
      expect(size(c.id), c.id).toBe(n);
    }
  });

  it('leaves out lines quoting another comment (">…")', () => {
    // boppo1 quotes its parent: "&gt;Sokal Squared hoax[0]<p>Can you give some context…"
    const p = byId.get('36826574')!;
    expect(p.author).toBe('boppo1');
    expect(p.text).toBe("Can you give some context for this that isn't a 47 minute read? What might someone think it does or does not demonstrate?");
  });

  it('anchors every post to the element holding its author link', () => {
    expect(elements.size).toBe(101);
    expect(elements.get('36817231')!.author!.matches('span.subline')).toBe(true);
    for (const c of comments) {
      const el = elements.get(c.id)!;
      expect(el.post.matches('tr.athing.comtr')).toBe(true);
      expect(el.author!.matches('span.comhead')).toBe(true);
      expect(el.author!.querySelector('a.hnuser')!.textContent).toBe(c.author);
    }
  });
});

describe('Hacker News adapter on the real saved front page (2022, 30 stories)', () => {
  const { doc, url } = load(FRONT, FRONT_URL);
  const { page, elements, listingElements } = hackernewsAdapter.read(doc, url);

  it('reads a listing of exactly 30 stories and no posts', () => {
    expect(page).toMatchObject({ engine: 'hackernews', kind: 'listing', thread: null, user: null, problems: [] });
    expect(page.posts).toEqual([]);
    expect(elements.size).toBe(0);
    expect(page.listing).toHaveLength(30);
    expect(listingElements?.size).toBe(30);
  });

  it('reads the first and the last story', () => {
    expect(page.listing[0]).toEqual({
      id: '32348519',
      title: 'Why Is the Web So Monotonous? Google',
      url: 'https://news.ycombinator.com/item?id=32348519',
      category: null,
      tags: [],
      author: 'amf12',
      createdAt: '2022-08-04T21:28:18.000Z',
      replyCount: 64,
      likeCount: null,
      viewCount: null,
      score: 90,
      linkUrl: 'https://reasonablypolymorphic.com/blog/monotonous-web/index.html',
    });
    expect(page.listing[29]).toMatchObject({
      id: '32341698',
      title: 'Hyundai rolls out 27 heavy-duty hydrogen trucks in Germany',
      author: 'clouddrover',
      createdAt: '2022-08-04T11:54:01.000Z',
      replyCount: 280,
      score: 110,
      linkUrl: 'https://thedriven.io/2022/08/04/hyundai-rolls-out-27-heavy-duty-hydrogen-trucks-in-germany/',
    });
  });

  it('reads a job ad (no points, author or comments), "discuss" and "1 comment"', () => {
    const byId = new Map(page.listing.map((t) => [t.id, t]));
    expect(byId.get('32345444')).toMatchObject({ title: 'TaxProper (YC S19) Is Hiring', author: null, score: null, replyCount: null, createdAt: '2022-08-04T17:00:33.000Z' });
    expect(byId.get('32348461')).toMatchObject({ author: 'solasluaith', score: 5, replyCount: 0 });
    expect(byId.get('32348408')).toMatchObject({ author: 'kant312', score: 14, replyCount: 1 });
    // 29 rows carry a span.score; one is the job ad.
    expect(page.listing.filter((t) => t.score !== null)).toHaveLength(29);
    expect(page.listing.filter((t) => t.author !== null)).toHaveLength(29);
  });

  it('maps each listed story to its row and title link', () => {
    for (const t of page.listing) {
      const el = listingElements!.get(t.id)!;
      expect(el.row.id).toBe(t.id);
      expect(el.title?.textContent).toBe(t.title);
    }
  });
});

describe('Hacker News markup variants', () => {
  it('reads the signed-in user from a#me', () => {
    const { doc, url } = load(FRONT, FRONT_URL);
    // The logged-in header as HN renders it (reconstructed): `<a id="me">name</a> (karma) | <a id="logout">`.
    doc.querySelector('span.pagetop a[href^="login"]')!.outerHTML =
      '<a id="me" href="user?id=pulse_tester">pulse_tester</a> (42) | <a id="logout" rel="nofollow" href="logout?auth=x&amp;goto=news">logout</a>';
    expect(hackernewsAdapter.read(doc, url).page.user).toEqual({ username: 'pulse_tester' });
  });

  it('reads depth from the indent image width where there is no indent attribute (older markup)', () => {
    const { doc, url } = load(ITEM, ITEM_URL);
    for (const td of doc.querySelectorAll('td.ind')) td.removeAttribute('indent');
    const stripped = hackernewsAdapter.read(doc, url).page.posts;
    const fresh = load(ITEM, ITEM_URL);
    const original = hackernewsAdapter.read(fresh.doc, fresh.url).page.posts;
    expect(stripped.map((p) => [p.id, p.depth, p.parentId])).toEqual(original.map((p) => [p.id, p.depth, p.parentId]));
  });

  it('prefers the Unix time HN appends to the age title since 2024', () => {
    const { doc, url } = load(ITEM, ITEM_URL);
    doc.querySelector('tr.athing.comtr span.age')!.setAttribute('title', '2023-07-21T19:51:36 1689969096');
    expect(hackernewsAdapter.read(doc, url).page.posts[1]!.createdAt).toBe('2023-07-21T19:51:36.000Z');
  });

  it('reads a comment’s own page: the comment opens, its replies hang below it', () => {
    // Row markup as on HN's comment pages (2024: div.commtext, "parent" and "on:" links), reconstructed.
    const { doc, url } = loadHtml(
      `<html op="item"><body><table id="hnmain"><tr><td><table class="fatitem">
       <tr class="athing" id="40549297"><td class="ind"></td><td class="votelinks"></td><td class="default">
       <div><span class="comhead"><a href="user?id=ai_what" class="hnuser">ai_what</a>
       <span class="age" title="2024-06-01T21:41:02 1717278062"><a href="item?id=40549297">6 days ago</a></span>
       <span class="navs"> | <a href="item?id=40548807">parent</a> | <a href="context?id=40549297">context</a>
       <span class="onstory"> |  on: <a href="item?id=40548807" title="Ask HN: Best way to save text from dynamically generated pages?">Ask HN: Best way to save text from dynamically gen...</a></span></span></span></div><br>
       <div class="comment"><div class="commtext c00">You could write a userscript for this.</div><div class="reply"><a href="reply?id=40549297">reply</a></div></div></td></tr>
       </table><table class="comment-tree">
       <tr class="athing comtr" id="40550001"><td><table><tr><td class="ind" indent="0"><img src="s.gif" height="1" width="0"></td><td class="default">
       <div><span class="comhead"><a href="user?id=bob" class="hnuser">bob</a> <span class="age" title="2024-06-01T22:00:00 1717279200"><a href="item?id=40550001">x</a></span></span></div>
       <div class="comment"><div class="commtext c00">Thanks!</div></div></td></tr></table></td></tr>
       </table></td></tr></table></body></html>`,
      'https://news.ycombinator.com/item?id=40549297',
    );
    const { page } = hackernewsAdapter.read(doc, url);
    expect(page.kind).toBe('thread');
    expect(page.thread).toMatchObject({ id: '40549297', title: 'Ask HN: Best way to save text from dynamically generated pages?', author: 'ai_what' });
    expect(page.posts.map((p) => [p.id, p.author, p.role, p.depth, p.parentId, p.text, p.createdAt])).toEqual([
      ['40549297', 'ai_what', 'opening', 0, '40548807', 'You could write a userscript for this.', '2024-06-01T21:41:02.000Z'],
      ['40550001', 'bob', 'reply', 0, '40549297', 'Thanks!', '2024-06-01T22:00:00.000Z'],
    ]);
  });
});

describe('Hacker News adapter robustness', () => {
  it('is detected on its pages, whatever the URL', () => {
    for (const f of [ITEM, FRONT]) {
      for (const u of [ITEM_URL, 'https://example.org/']) {
        const { doc, url } = load(f, u);
        expect(hackernewsAdapter.detect(doc, url), `${f} @ ${u}`).toBe(true);
      }
    }
  });

  it('recognises no other engine’s page (nor the demo forum) as Hacker News', () => {
    const files: string[] = [];
    for (const dir of readdirSync(SHARED_FORUMS)) {
      if (dir === 'hackernews') continue;
      for (const f of readdirSync(path.join(SHARED_FORUMS, dir))) files.push(path.join(SHARED_FORUMS, dir, f));
    }
    const demo = path.resolve(import.meta.dirname, '../../demo/forum');
    for (const f of readdirSync(demo).filter((f) => f.endsWith('.html'))) files.push(path.join(demo, f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const { doc, url } = load(f, 'https://example.org/');
      expect(hackernewsAdapter.detect(doc, url), f).toBe(false);
    }
  }, SLOW);

  it('never throws on truncated pages and returns only well-formed posts', () => {
    for (const [file, u] of [
      [ITEM, ITEM_URL],
      [FRONT, FRONT_URL],
    ] as const) {
      const { html } = load(file, u);
      for (let i = 0; i <= 25; i++) {
        const cut = Math.floor((html.length * i) / 25);
        const { doc, url } = loadHtml(html.slice(0, cut), u);
        const r = hackernewsAdapter.read(doc, url);
        expect(r.page.engine).toBe('hackernews');
        expect(r.page.problems.filter((p) => p.includes('unreadable page'))).toEqual([]);
        for (const p of r.page.posts) {
          expect(p.id).toMatch(/^\d+$/);
          expect(typeof p.text).toBe('string');
          expect(p.createdAt === null || !Number.isNaN(Date.parse(p.createdAt))).toBe(true);
          expect(r.elements.has(p.id)).toBe(true);
        }
        for (const t of r.page.listing) expect(t.id).toMatch(/^\d+$/);
      }
    }
  }, SLOW);

  it('survives comments without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<html op="item"><body><table id="hnmain"><tr><td><table class="fatitem">
       <tr class="athing" id="77"><td class="title"><span class="titleline"><a href="item?id=77">T</a></span></td></tr>
       <tr><td class="subtext"><span class="score">lots of points</span> by <a class="hnuser"></a> <span class="age" title="yesterday"></span></td></tr>
       </table><table class="comment-tree">
       <tr class="athing comtr" id="78"><td class="ind" indent="-1"><img width="wide"></td><td class="default"><span class="comhead"><span class="age" title="2023-13-45T99:99:99"></span></span><div class="comment"><span class="commtext">[deleted]</span></div></td></tr>
       <tr class="athing comtr" id="79"><td class="ind" indent="3"></td><td class="default"><span class="comhead"><a class="hnuser" href="user?id=x">x</a></span><div class="comment"><span class="commtext"><script>alert(1)</script>hi</span></div></td></tr>
       <tr class="athing comtr" id="not-a-number"><td class="ind" indent="0"></td></tr>
       <tr class="athing comtr"><td class="ind" indent="0"></td></tr>
       </table></td></tr></table></body></html>`,
      'https://news.ycombinator.com/item?id=77',
    );
    const r = hackernewsAdapter.read(doc, url);
    expect(r.page.thread).toMatchObject({ id: '77', title: 'T', author: null, createdAt: null, score: null });
    expect(r.page.posts.map((p) => [p.id, p.author, p.createdAt, p.depth, p.parentId, p.text])).toEqual([
      ['77', null, null, 0, null, ''],
      ['78', null, null, null, null, '[deleted]'],
      ['79', 'x', null, 3, null, 'hi'],
    ]);
    expect(r.page.problems).toEqual(
      expect.arrayContaining([
        'hackernews: comment 78 has no readable indent',
        'hackernews: comment 79 has no parent on the page',
        'hackernews: comment 79 has no readable date',
      ]),
    );
    // A deleted comment has no author by design: not a reading problem.
    expect(r.page.problems).not.toContain('hackernews: comment 78 has no readable author');
  });
});
