import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { redditAdapter } from './reddit';
import type { AdapterResult, PostRecord } from './types';

/**
 * Expected values below were read by hand from the saved HTML (grep of the files in
 * ../shared/data/forums/reddit_old and reddit_new), not copied from the adapter's output.
 * The two *.reconstructed.html fixtures are NOT real pages: see the comment at their top.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(REPO, 'extension/test/fixtures');
const OLD = path.join(SHARED_FORUMS, 'reddit_old/old_reddit_thread_2018-04_blogskipper.html');
const NEW = path.join(SHARED_FORUMS, 'reddit_new/postlight_www.reddit.com.html');
const NEW_TITLE_ONLY = path.join(SHARED_FORUMS, 'reddit_new/postlight_www.reddit.com--title-only.html');
const STUB = path.join(SHARED_FORUMS, 'reddit_new/shreddit_post_social_crawler_stub_2024-07_liquidx.html');
const OLD_LISTING = path.join(FIXTURES, 'old-reddit-listing.reconstructed.html');
const SHREDDIT = path.join(FIXTURES, 'shreddit-thread.reconstructed.html');

const OLD_URL = 'https://old.reddit.com/r/aww/comments/8dyrb3/ben_is_very_proud_of_himself_for_learning_to_go/';
const OLD_CANONICAL = 'https://www.reddit.com/r/aww/comments/8dyrb3/ben_is_very_proud_of_himself_for_learning_to_go/';
const NEW_URL = 'https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/';
const ELSEWHERE = 'https://example.org/';
const SLOW = { timeout: 120_000 };

function depthCounts(posts: PostRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of posts) out[String(p.depth)] = (out[String(p.depth)] ?? 0) + 1;
  return out;
}

function byId(posts: PostRecord[]): Map<string, PostRecord> {
  return new Map(posts.map((p) => [p.id, p]));
}

/** Tree invariants every Reddit reading must satisfy. */
function expectWellFormedTree(posts: PostRecord[]) {
  const ids = posts.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  const index = new Map(ids.map((id, i) => [id, i]));
  const all = byId(posts);
  for (const p of posts) {
    expect(p.id).toMatch(/^t[13]_[a-z0-9]+$/);
    if (p.role === 'opening') {
      expect(p.parentId).toBeNull();
      continue;
    }
    const parent = p.parentId ? all.get(p.parentId) : undefined;
    if (!parent) continue;
    expect(index.get(parent.id)!).toBeLessThan(index.get(p.id)!);
    if (p.depth !== null && parent.role !== 'opening') expect(parent.depth).toBe(p.depth - 1);
    if (parent.role === 'opening') expect(p.depth).toBe(0);
    expect(p.replyToUser).toBe(parent.author);
  }
}

function expectWellFormed(r: AdapterResult) {
  expect(r.page.engine).toBe('reddit');
  for (const p of r.page.posts) {
    expect(p.id).toMatch(/^t[13]_[a-z0-9]+$/);
    expect(typeof p.text).toBe('string');
    if (p.author !== null) expect(p.author).toMatch(/^[A-Za-z0-9_-]+$/);
    if (p.createdAt !== null) expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
    if (p.depth !== null) expect(Number.isInteger(p.depth) && p.depth >= 0).toBe(true);
    if (p.parentId !== null) expect(p.parentId).toMatch(/^t[13]_[a-z0-9]+$/);
    if (p.score !== null) expect(Number.isInteger(p.score)).toBe(true);
  }
  const ids = new Set(r.page.posts.map((p) => p.id));
  for (const k of r.elements.keys()) expect(ids.has(k)).toBe(true);
  for (const t of r.page.listing) expect(typeof t.id).toBe('string');
}

describe('old Reddit: the saved r/aww comments page (2018)', () => {
  const { doc, url } = load(OLD, OLD_URL);
  const r = redditAdapter.read(doc, url);
  const { page } = r;
  const posts = byId(page.posts);

  it('is detected on its own URL and on any other', () => {
    expect(redditAdapter.detect(doc, url)).toBe(true);
    expect(redditAdapter.detect(doc, new URL(ELSEWHERE))).toBe(true);
  });

  it('reads the thread from the link thing', () => {
    expect(page).toMatchObject({ engine: 'reddit', kind: 'thread', user: null, problems: [] });
    expect(page.thread).toEqual({
      id: '8dyrb3',
      title: 'Ben is very proud of himself for learning to go on walks',
      url: OLD_CANONICAL,
      category: 'r/aww',
      tags: [],
      author: 'Brookefemale',
      createdAt: '2018-04-21T21:28:31.000Z',
      // "201 comments" on the button (data-comments-count says 198; the page shows 201 three times).
      replyCount: 201,
      likeCount: null,
      viewCount: null,
      linkUrl: 'https://i.redd.it/0ex9rus0ybt01.jpg', // data-url; data-domain i.redd.it
      // .score.unvoted[title="21542"] (data-score says 21427).
      score: 21542,
    });
  });

  it('reads the submission as the opening post and all 197 comments', () => {
    expect(page.posts).toHaveLength(198);
    expect(page.posts.filter((p) => p.role === 'reply')).toHaveLength(197);
    expect(page.posts[0]).toMatchObject({
      id: 't3_8dyrb3',
      role: 'opening',
      author: 'Brookefemale',
      authorUrl: 'https://www.reddit.com/user/Brookefemale',
      createdAt: '2018-04-21T21:28:31.000Z',
      score: 21542,
      depth: 0,
      parentId: null,
      text: '', // an image link post: no self text
    });
  });

  it('reads the first and last comment: author, date (not the edit date), score, text', () => {
    expect(page.posts[1]).toEqual({
      id: 't1_dxr0evr',
      number: null,
      author: 'Brookefemale',
      authorName: null,
      authorUrl: 'https://www.reddit.com/user/Brookefemale',
      createdAt: '2018-04-21T21:36:45.000Z', // edited-timestamp 2018-04-22T03:56:01 is ignored
      text: 'Bonus pics of Ben on a walk/ chillin like a cool kid.\nEdit: Bonus Bonus',
      likeCount: null,
      score: 690,
      replyToNumber: null,
      replyToUser: 'Brookefemale',
      parentId: 't3_8dyrb3',
      depth: 0,
      role: 'reply',
      isAccepted: null,
    });
    expect(page.posts.at(-1)).toMatchObject({
      id: 't1_dxrimet',
      author: 'prettylama',
      createdAt: '2018-04-22T03:46:27.000Z',
      score: 2,
      depth: 1,
      parentId: 't1_dxre1us',
      replyToUser: 'jedrziewski',
      text: 'Not true any human name is amazing for a kitty 🐱',
    });
  });

  it('reads the nesting of .child listings as depth and parentId', () => {
    // Comment things by number of enclosing comment things (98 top level + the submission at 0).
    expect(depthCounts(page.posts)).toEqual({ 0: 99, 1: 50, 2: 18, 3: 11, 4: 8, 5: 5, 6: 4, 7: 2, 8: 1 });
    // 99 comments carry a "parent" button: exactly the nested ones.
    expect(page.posts.filter((p) => p.parentId?.startsWith('t1_'))).toHaveLength(99);
    expect(posts.get('t1_dxr2q90')).toMatchObject({ depth: 1, parentId: 't1_dxr0evr' });
    expect(posts.get('t1_dxr2wt8')).toMatchObject({ depth: 2, parentId: 't1_dxr2q90' });
    expect(posts.get('t1_dxrhxgc')).toMatchObject({ author: 'Henesgfy', depth: 8, parentId: 't1_dxrhrpu', score: 7 });
    expectWellFormedTree(page.posts);
  });

  it('reads negative scores of collapsed comments', () => {
    expect(posts.get('t1_dxr17pp')).toMatchObject({ author: 'WindsorCollegeAlumn', score: -35 });
    expect(posts.get('t1_dxr17j2')).toMatchObject({ author: 'auntbealovesyou', score: -36 });
    expect(page.posts.filter((p) => (p.score ?? 0) < 0)).toHaveLength(13); // 13 `score unvoted" title="-…"`
  });

  it('anchors each post to its thing, the badge right after the a.author link (not inside it)', () => {
    expect(r.elements.size).toBe(198);
    for (const p of page.posts) {
      const el = r.elements.get(p.id)!;
      expect(el.post.getAttribute('data-fullname')).toBe(p.id);
      expect(el.author?.matches('span.userattrs')).toBe(true);
      expect(el.author?.previousElementSibling?.matches('a.author')).toBe(true);
      expect(el.author?.previousElementSibling?.textContent).toBe(p.author);
      expect(el.author?.closest('.thing')).toBe(el.post);
    }
  });

  it('reads the same from another URL (saved copy)', () => {
    expect(redditAdapter.read(doc, new URL(ELSEWHERE)).page).toEqual(page);
  });

  it('reads the signed-in user from the header', () => {
    const { doc: d2 } = load(OLD, OLD_URL);
    // Old Reddit's signed-in header: span.user > a (user page) + karma.
    d2.querySelector('#header-bottom-right span.user')!.innerHTML =
      '<a href="https://old.reddit.com/user/pulse_tester/">pulse_tester</a>&nbsp;(<span class="userkarma" title="link karma">1</span>)';
    expect(redditAdapter.read(d2, url).page.user).toEqual({ username: 'pulse_tester' });
  });

  it('picks up comments that "load more comments" inserts later', () => {
    const { doc: d2 } = load(OLD, OLD_URL);
    const parent = d2.getElementById('thing_t1_dxrimet')!;
    const clone = parent.cloneNode(true) as Element;
    clone.setAttribute('data-fullname', 't1_zzzz111');
    clone.id = 'thing_t1_zzzz111';
    clone.setAttribute('data-author', 'late_commenter');
    clone.querySelector('a.author')!.textContent = 'late_commenter';
    parent.querySelector(':scope > .child')!.innerHTML = `<div class="sitetable listing">${clone.outerHTML}</div>`;
    const late = byId(redditAdapter.read(d2, url).page.posts).get('t1_zzzz111');
    expect(late).toMatchObject({ author: 'late_commenter', depth: 2, parentId: 't1_dxrimet', replyToUser: 'prettylama' });
  });
});

describe('old Reddit: listing page (reconstructed fixture)', () => {
  it('lists the link things, leaving out the promoted one', () => {
    const { doc, url } = load(OLD_LISTING, 'https://old.reddit.com/r/aww/');
    const r = redditAdapter.read(doc, url);
    expect(r.page).toMatchObject({ kind: 'listing', thread: null, posts: [], problems: [], user: { username: 'pulse_tester' } });
    expect(r.page.listing).toEqual([
      {
        id: '8e0stky',
        title: 'Rules reminder: no sad posts',
        url: 'https://old.reddit.com/r/aww/comments/8e0stky/rules_reminder_no_sad_posts/',
        category: 'r/aww',
        tags: ['Announcement'],
        author: 'aww_mod',
        createdAt: '2018-04-20T04:53:20.000Z',
        replyCount: 12,
        likeCount: null,
        viewCount: null,
        linkUrl: null, // data-domain self.aww: a text post
        score: 310,
      },
      expect.objectContaining({ id: '8dyrb3', author: 'Brookefemale', replyCount: 201, score: 21542, createdAt: '2018-04-21T21:28:31.000Z' }),
      // Score hidden ("•"), no comments yet ("comment").
      expect.objectContaining({ id: '8e1new0', title: 'My kitten found the sunbeam', score: null, replyCount: 0 }),
    ]);
    expect([...r.listingElements!.keys()]).toEqual(['8e0stky', '8dyrb3', '8e1new0']);
    for (const [id, el] of r.listingElements!) {
      expect(el.row.getAttribute('data-fullname')).toBe(`t3_${id}`);
      expect(el.title?.matches('a.title')).toBe(true);
    }
  });

  it('resolves links against the canonical reddit.com URL when opened elsewhere', () => {
    const { doc, url } = load(OLD_LISTING, ELSEWHERE);
    expect(redditAdapter.detect(doc, url)).toBe(true);
    const r = redditAdapter.read(doc, url);
    expect(r.page.kind).toBe('listing');
    expect(r.page.listing[0]!.url).toBe('https://www.reddit.com/r/aww/comments/8e0stky/rules_reminder_no_sad_posts/');
  });
});

describe('2018-2023 redesign: the saved r/Showerthoughts post (197 comments)', () => {
  const { doc, url } = load(NEW, ELSEWHERE);
  const r = redditAdapter.read(doc, url);
  const { page } = r;
  const posts = byId(page.posts);

  it('is detected from another URL, and reads the thread', () => {
    expect(redditAdapter.detect(doc, url)).toBe(true);
    expect(page.kind).toBe('thread');
    expect(page.thread).toEqual({
      id: 'awx46q',
      title: 'Vanilla becoming the default flavour of ice cream is the greatest underdog story of all time.',
      url: NEW_URL,
      category: 'r/Showerthoughts',
      tags: [],
      author: 'benyacobi',
      createdAt: null, // "4 years ago" only
      replyCount: 2800, // "2.8k comments"
      likeCount: null,
      viewCount: null,
      linkUrl: null,
      score: 83100, // "83.1k"
    });
    expect(page.user).toBeNull(); // signed out ("Log In" button)
    expect(page.problems).toEqual(['reddit: this design shows only relative dates ("4 yr. ago"); post dates not read']);
  });

  it('reads the opening post and all 197 comments with first / last author and score', () => {
    expect(page.posts).toHaveLength(198);
    expect(page.posts[0]).toMatchObject({
      id: 't3_awx46q',
      role: 'opening',
      author: 'benyacobi',
      authorUrl: 'https://www.reddit.com/user/benyacobi/',
      score: 83100,
      createdAt: null,
    });
    expect(page.posts[0]!.text).toMatch(/^Edit: thank you for educating me about the ubiquity of vanilla\. Still,/);
    expect(page.posts[1]).toMatchObject({
      id: 't1_ehq47gs',
      author: 'LorenzoPg',
      authorUrl: 'https://www.reddit.com/user/LorenzoPg/',
      score: 11000, // "11.0k"
      createdAt: null,
      depth: 0,
      parentId: 't3_awx46q',
      text: 'Fun fact: Vanilla (the real stuff) has a similar price to silver.',
    });
    expect(page.posts.at(-1)).toMatchObject({ id: 't1_ehqbwl9', author: 'CoalitionChaos', score: 2, depth: 0, createdAt: null });
  });

  it('reads depth from "level N" / the indent, and parents from the thread lines', () => {
    // 67 "level 1" + the submission, 130 "level 2".
    expect(depthCounts(page.posts)).toEqual({ 0: 68, 1: 130 });
    expect(posts.get('t1_ehq4og3')).toMatchObject({ depth: 1, parentId: 't1_ehq47gs', replyToUser: 'LorenzoPg', score: 5700 });
    expect(posts.get('t1_ehqcmq9')).toMatchObject({ depth: 1, parentId: 't1_ehq47gs', score: 157 });
    // A deleted reply (no thread line of its own): parent from the line it draws / the list order.
    expect(posts.get('t1_ehqc2oo')).toMatchObject({ depth: 1, parentId: 't1_ehq5qm0', author: null });
    expectWellFormedTree(page.posts);
  });

  it('leaves deleted authors empty without calling them unreadable', () => {
    // 24 comments draw the `to="/user/[deleted]/"` avatar placeholder, 13 of them "Comment deleted by user".
    const deleted = page.posts.filter((p) => p.author === null);
    expect(deleted).toHaveLength(24);
    expect(deleted.every((p) => p.authorUrl === null)).toBe(true);
    expect(posts.get('t1_ehq8qds')).toMatchObject({ author: null, text: '', score: null, depth: 0 });
  });

  it('anchors every post to the wrapper of its author link (or the comment header when deleted)', () => {
    expect(r.elements.size).toBe(198);
    for (const p of page.posts) {
      const el = r.elements.get(p.id)!;
      expect(el.post.id).toBe(p.id);
      if (p.author) {
        expect(el.author?.id).toBe(`UserInfoTooltip--${p.id}`);
        expect(el.author?.textContent?.trim()).toBe(p.role === 'opening' ? `u/${p.author}` : p.author);
      } else expect(el.author?.getAttribute('data-testid')).toMatch(/^post-comment-header/);
    }
  });

  it('reads the "More posts you may like" rows as a listing when they stand on a subreddit page', () => {
    const rows = [...doc.querySelectorAll('[data-testid="post-container"]')].filter((e) => e.id !== 't3_awx46q');
    const html = `<html><head><link rel="canonical" href="https://www.reddit.com/r/Showerthoughts/"></head><body>
      <div id="2x-container"><div id="SHORTCUT_FOCUSABLE_DIV">${rows.map((e) => e.outerHTML).join('')}</div></div></body></html>`;
    const { doc: d2, url: u2 } = loadHtml(html, 'https://www.reddit.com/r/Showerthoughts/');
    const l = redditAdapter.read(d2, u2);
    expect(l.page.kind).toBe('listing');
    // 11 rows, one of them promoted (rel="sponsored" links).
    expect(l.page.listing.map((t) => t.id)).toEqual([
      'ylmma8', 'ymxurk', 'ynv7ln', 'yje88y', 'yk6rgx', 'ynl2tb', 'ykc2y3', 'ykm9qf', 'ynke2w', 'ylogg6',
    ]);
    expect(l.page.listing[0]).toMatchObject({
      title: 'The idea that pirates burried their treasure probably started when one pirate lied about how much treasure he stole and another pirate asked to see it.',
      url: 'https://www.reddit.com/r/Showerthoughts/comments/ylmma8/the_idea_that_pirates_burried_their_treasure/',
      category: 'r/Showerthoughts',
      author: 'MisterBowTies',
      score: 8700,
      replyCount: 150,
    });
    expect(l.listingElements?.get('ylmma8')?.title?.tagName).toBe('H3');
  });
});

describe('2018-2023 redesign: the saved r/AskReddit post (title only, 15 comments)', () => {
  const { doc, url } = load(NEW_TITLE_ONLY, ELSEWHERE);
  const r = redditAdapter.read(doc, url);
  const { page } = r;
  const posts = byId(page.posts);

  it('reads the thread from the post container and the <meta value=…> head', () => {
    expect(redditAdapter.detect(doc, url)).toBe(true);
    expect(page.thread).toMatchObject({
      id: 'axtih6',
      title: 'What is the most "worth it" item you have ever purchased?',
      url: 'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/',
      category: 'r/AskReddit',
      author: null, // "Posted by" with no name in this copy
      score: 52100,
      replyCount: 25400,
    });
  });

  it('reads 15 comments; authors from the avatar link where the name is empty', () => {
    expect(page.posts).toHaveLength(16);
    expect(page.posts[0]).toMatchObject({ id: 't3_axtih6', role: 'opening', author: null, text: '', score: 52100 });
    expect(page.posts[1]).toMatchObject({ id: 't1_ehwfe48', author: 'TheEngLife', score: 364, depth: 0, createdAt: null });
    expect(page.posts[1]!.text).toMatch(/^A Miele canister vacuum\. I had read the 4 AMAs from the vacuum repair tech/);
    expect(page.posts.at(-1)).toMatchObject({
      id: 't1_ehwt27q',
      author: 'WorshipNickOfferman',
      score: 329,
      depth: 1,
      parentId: 't1_ehwgryj',
      replyToUser: 'bluefoodforpercy',
    });
    expect(depthCounts(page.posts)).toEqual({ 0: 9, 1: 7 });
    expect(posts.get('t1_ehx88ol')).toMatchObject({ parentId: 't1_ehwha24', score: 156 });
    // Deleted account, comment kept: no author, text and score still read.
    expect(posts.get('t1_ehwajv7')).toMatchObject({ author: null, score: 10200, text: 'Prescription sunglasses!' });
    // "Comment deleted by user" replies to it.
    expect(posts.get('t1_ehwv24z')).toMatchObject({ author: null, text: '', score: null, depth: 1, parentId: 't1_ehwajv7' });
    expect(page.posts.filter((p) => p.author === null && p.role === 'reply')).toHaveLength(5);
    expectWellFormedTree(page.posts);
  });

  it('anchors comments whose name is missing to their header', () => {
    expect(r.elements.size).toBe(16);
    for (const p of page.posts.slice(1)) expect(r.elements.get(p.id)?.author?.getAttribute('data-testid')).toMatch(/^post-comment-header/);
  });

  it('reports only the submission’s missing author (and the relative dates)', () => {
    expect(page.problems).toEqual([
      'reddit: this design shows only relative dates ("4 yr. ago"); post dates not read',
      'reddit: post t3_axtih6 has no readable author',
    ]);
  });
});

describe('shreddit: the saved crawler stub (meta only)', () => {
  it('returns the thread from the page meta, no posts, and says why', () => {
    const { doc, url } = load(STUB, ELSEWHERE);
    expect(redditAdapter.detect(doc, url)).toBe(true);
    const r = redditAdapter.read(doc, url);
    expect(r.page.kind).toBe('thread');
    expect(r.page.thread).toMatchObject({
      id: '1d110ph',
      title: 'The WebSim URL Prompting Bible',
      url: 'https://www.reddit.com/r/WebSim/comments/1d110ph/the_websim_url_prompting_bible/',
      category: 'r/WebSim',
      author: null,
    });
    expect(r.page.posts).toEqual([]);
    expect(r.elements.size).toBe(0);
    expect(r.page.problems).toEqual(['reddit: Reddit served its crawler stub (page meta only): no post or comments to read']);
  });
});

describe('shreddit: comments page (reconstructed fixture)', () => {
  const { doc, url } = load(SHREDDIT, ELSEWHERE);
  const r = redditAdapter.read(doc, url);

  it('reads the post and the nested comment tree from attributes', () => {
    expect(redditAdapter.detect(doc, url)).toBe(true);
    expect(r.page.problems).toEqual([]);
    expect(r.page.thread).toMatchObject({
      id: '1e2abcd',
      title: 'Which keyboard switches are the quietest?',
      category: 'r/MechanicalKeyboards',
      author: 'quiet_typist',
      createdAt: '2024-07-02T14:05:09.123Z',
      replyCount: 57,
      score: 128,
    });
    expect(r.page.posts.map((p) => [p.id, p.author, p.depth, p.parentId, p.score, p.createdAt])).toEqual([
      ['t3_1e2abcd', 'quiet_typist', 0, null, 128, '2024-07-02T14:05:09.123Z'],
      ['t1_lb1aaaa', 'switch_nerd', 0, 't3_1e2abcd', 54, '2024-07-02T14:20:00.000Z'],
      ['t1_lb1bbbb', 'quiet_typist', 1, 't1_lb1aaaa', 12, '2024-07-02T14:31:10.000Z'],
      // camelCase attributes, no `created`: date from the <time> in commentMeta.
      ['t1_lb1cccc', 'switch_nerd', 2, 't1_lb1bbbb', -3, '2024-07-02T14:40:00.000Z'],
      ['t1_lb1dddd', null, 0, 't3_1e2abcd', 4, '2024-07-02T15:00:00.000Z'],
      ['t1_lb1eeee', 'o_ring_fan', 0, 't3_1e2abcd', 9, '2024-07-02T15:12:45.500Z'],
    ]);
    expect(r.page.posts[0]!.text).toBe('I share an office and my blues are driving everyone mad.\nBudget is about $60.');
    // Own body only (not the nested replies), quote left out.
    expect(r.page.posts[1]!.text).toBe('Silent linears with dampened stems. Try Silent Reds.');
    expect(r.page.posts[2]!.text).toBe('Are they hot-swappable?');
    expect(r.page.posts[4]!.text).toBe('');
    expectWellFormedTree(r.page.posts);
  });

  it('anchors to the slotted credit bar / comment meta that hold the author names', () => {
    expect(r.elements.get('t3_1e2abcd')?.author?.getAttribute('slot')).toBe('credit-bar');
    expect(r.elements.get('t3_1e2abcd')?.post.tagName).toBe('SHREDDIT-POST');
    for (const p of r.page.posts.slice(1)) {
      const el = r.elements.get(p.id)!;
      expect(el.post.tagName).toBe('SHREDDIT-COMMENT');
      expect(el.author?.getAttribute('slot')).toBe('commentMeta');
      expect(el.author?.parentElement).toBe(el.post);
      if (p.author) expect(el.author?.querySelector('a')?.textContent).toBe(p.author);
    }
  });

  it('picks up replies a faceplate-partial injects later', () => {
    const { doc: d2 } = load(SHREDDIT, ELSEWHERE);
    d2.getElementById('more-comments-t1_lb1aaaa')!.outerHTML =
      '<shreddit-comment thingid="t1_lb1ffff" author="late_one" depth="1" parentid="t1_lb1aaaa" score="1" created="2024-07-02T16:00:00.000000+0000"><div slot="comment"><p>Late.</p></div></shreddit-comment>';
    const late = redditAdapter.read(d2, url).page.posts.find((p) => p.id === 't1_lb1ffff');
    expect(late).toMatchObject({ author: 'late_one', depth: 1, parentId: 't1_lb1aaaa', text: 'Late.', createdAt: '2024-07-02T16:00:00.000Z' });
  });

  it('reads a shreddit feed as a listing', () => {
    const { doc: d2, url: u2 } = loadHtml(
      `<shreddit-app pagetype="community"><shreddit-feed>
        <article><shreddit-post id="t3_1e2abcd" permalink="/r/MechanicalKeyboards/comments/1e2abcd/which/" post-title="Which keyboard switches are the quietest?" author="quiet_typist" score="128" comment-count="57" created-timestamp="2024-07-02T14:05:09.123000+0000" subreddit-prefixed-name="r/MechanicalKeyboards"><a slot="title" href="/r/MechanicalKeyboards/comments/1e2abcd/which/">Which keyboard switches are the quietest?</a></shreddit-post></article>
        <article><shreddit-post id="t3_1e2zzzz" permalink="/r/MechanicalKeyboards/comments/1e2zzzz/show_off/" post-title="Show off" author="[deleted]" score="0" comment-count="0" subreddit-prefixed-name="r/MechanicalKeyboards"></shreddit-post></article>
      </shreddit-feed></shreddit-app>`,
      'https://www.reddit.com/r/MechanicalKeyboards/',
    );
    const l = redditAdapter.read(d2, u2);
    expect(l.page.kind).toBe('listing');
    expect(l.page.listing.map((t) => [t.id, t.title, t.author, t.score, t.replyCount, t.createdAt])).toEqual([
      ['1e2abcd', 'Which keyboard switches are the quietest?', 'quiet_typist', 128, 57, '2024-07-02T14:05:09.123Z'],
      ['1e2zzzz', 'Show off', null, 0, 0, null],
    ]);
    expect(l.listingElements?.get('1e2abcd')?.title?.getAttribute('slot')).toBe('title');
  });
});

describe('Reddit adapter robustness', () => {
  const truncatable: Array<[string, string]> = [
    [OLD, OLD_URL],
    // The 1.9 MB redesign page has the same markup as this one; cutting it 25 times only costs time.
    [NEW_TITLE_ONLY, ELSEWHERE],
    [STUB, ELSEWHERE],
    [OLD_LISTING, 'https://old.reddit.com/r/aww/'],
    [SHREDDIT, ELSEWHERE],
  ];
  for (const [file, pageUrl] of truncatable) {
    it(`never throws on ${path.basename(file)} cut at 25 points, and returns well-formed posts`, SLOW, () => {
      const { html } = load(file, pageUrl);
      for (let i = 0; i <= 25; i++) {
        const cut = Math.floor((html.length * i) / 25);
        const { doc, url } = loadHtml(html.slice(0, cut), pageUrl);
        const r = redditAdapter.read(doc, url);
        expect(r.page.problems.some((p) => p.includes('unreadable page')), `cut ${cut}`).toBe(false);
        expectWellFormed(r);
      }
    });
  }

  it('survives posts without authors and garbage attributes in every design', () => {
    const old = loadHtml(
      `<body class="comments-page"><div id="header"><div id="sr-header-area"></div><div id="header-bottom-right"><span class="user"><a href="javascript:alert(1)">x</a></span></div></div>
       <div id="siteTable"><div class="thing link" data-fullname="t3_abc" data-type="link" data-timestamp="soon" data-score="many"><div class="midcol"><div class="score unvoted" title="lots">?</div></div><div class="entry"></div></div></div>
       <div class="commentarea"><div class="sitetable nestedlisting">
         <div class="thing comment" data-fullname="t1_aaa" data-type="comment"><div class="entry"><p class="tagline"><span class="score unvoted" title="NaN">x points</span><time datetime="yesterday">?</time></p><div class="usertext-body"><div class="md"><p>no author <script>alert(1)</script></p></div></div></div>
           <div class="child"><div class="sitetable"><div class="thing comment" data-fullname="t1_!!bad" data-type="comment"></div><div class="thing comment" data-fullname="t1_bbb" data-type="comment" data-author="&lt;img src=x&gt;"></div></div></div></div>
         <div class="thing comment" data-fullname="t1_ccc" data-type="comment" data-author="[deleted]"><div class="entry"><p class="tagline"><span class="author">[deleted]</span><span class="score-hidden">[score hidden]</span></p><div class="usertext-body"><div class="md"><p>[removed]</p></div></div></div></div>
       </div></div></body>`,
      'https://old.reddit.com/r/x/comments/abc/t/',
    );
    const r1 = redditAdapter.read(old.doc, old.url);
    expectWellFormed(r1);
    expect(r1.page.user).toBeNull();
    expect(r1.page.posts.map((p) => [p.id, p.author, p.score, p.createdAt, p.depth, p.parentId, p.text])).toEqual([
      ['t3_abc', null, null, null, 0, null, ''],
      ['t1_aaa', null, null, null, 0, 't3_abc', 'no author'],
      ['t1_bbb', null, null, null, 1, 't1_aaa', ''],
      ['t1_ccc', null, null, null, 0, 't3_abc', ''],
    ]);
    expect(r1.page.problems).toEqual(
      expect.arrayContaining(['reddit: post t1_aaa has no readable author', 'reddit: post t1_bbb has no readable author']),
    );
    expect(r1.page.problems.join('\n')).not.toContain('t1_ccc has no readable author'); // deleted, not unreadable

    const redesign = loadHtml(
      `<div id="2x-container"><div id="SHORTCUT_FOCUSABLE_DIV">
        <div id="t1_zz1" style="padding-left: banana"><div class="Comment"><span>level x</span><div data-testid="post-comment-header"></div>
          <div id="vote-arrows-t1_zz1"><div>Vote</div></div><div data-testid="comment"><p>hello</p></div></div></div>
        <div id="t1_zz2" style="padding-left:37px"><div class="Comment"><div data-testid="post-comment-header"><a data-testid="comment_author_link" href="/user/ok_name/">ok_name</a></div></div></div>
        <div id="t1_zz3-overflow-menu"></div></div></div>`,
      'https://www.reddit.com/r/x/comments/q1/t/',
    );
    const r2 = redditAdapter.read(redesign.doc, redesign.url);
    expectWellFormed(r2);
    expect(r2.page.posts.map((p) => [p.id, p.author, p.depth, p.score, p.text])).toEqual([
      ['t1_zz1', null, null, null, 'hello'],
      ['t1_zz2', 'ok_name', 1, null, ''],
    ]);
    expect(r2.page.problems).toEqual(expect.arrayContaining(['reddit: the submission is not on the page']));

    const shreddit = loadHtml(
      `<shreddit-app><shreddit-post id="t3_q2" author="" score="many" created-timestamp="tomorrow" comment-count="-"></shreddit-post>
       <shreddit-comment-tree>
         <shreddit-comment thingid="t1_s1" author="&lt;b&gt;" depth="deep" score="1e9" created="never" parentid="javascript:1"><div slot="comment">a</div>
           <shreddit-comment thingid="t1_s2" depth="-1"><div slot="comment">b</div></shreddit-comment></shreddit-comment>
         <shreddit-comment author="no_id"></shreddit-comment>
       </shreddit-comment-tree></shreddit-app>`,
      'https://www.reddit.com/r/x/comments/q2/t/',
    );
    const r3 = redditAdapter.read(shreddit.doc, shreddit.url);
    expectWellFormed(r3);
    expect(r3.page.posts.map((p) => [p.id, p.author, p.depth, p.parentId, p.score, p.createdAt, p.text])).toEqual([
      ['t3_q2', null, 0, null, null, null, ''],
      ['t1_s1', null, 0, 't3_q2', null, null, 'a'],
      ['t1_s2', null, 1, 't1_s1', null, null, 'b'],
    ]);
  });

  it('recognises no other engine’s page, and every Reddit page, whatever the URL', SLOW, () => {
    const reddit = new Set(['reddit_old', 'reddit_new']);
    let seen = 0;
    for (const dir of readdirSync(SHARED_FORUMS)) {
      for (const f of readdirSync(path.join(SHARED_FORUMS, dir)).filter((n) => n.endsWith('.html'))) {
        const { doc, url } = load(path.join(SHARED_FORUMS, dir, f), ELSEWHERE);
        expect(redditAdapter.detect(doc, url), `${dir}/${f}`).toBe(reddit.has(dir));
        seen += 1;
      }
    }
    const demo = path.join(REPO, 'demo/forum');
    for (const f of readdirSync(demo).filter((n) => n.endsWith('.html'))) {
      const { doc, url } = load(path.join(demo, f), 'http://127.0.0.1:8790/t/x/1');
      expect(redditAdapter.detect(doc, url), `demo/forum/${f}`).toBe(false);
      seen += 1;
    }
    expect(seen).toBeGreaterThanOrEqual(14);
    // The host alone is enough.
    const { doc, url } = loadHtml('<p>hi</p>', 'https://old.reddit.com/r/x/');
    expect(redditAdapter.detect(doc, url)).toBe(true);
    expect(redditAdapter.detect(doc, new URL('https://notreddit.com/'))).toBe(false);
  });
});
