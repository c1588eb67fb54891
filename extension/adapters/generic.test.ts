import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPosts } from '../../demo/forum/live-topic.data';
import { DISCOURSE_LIVE_DEMO, SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { createGenericAdapter, genericAdapter, validateSelectors } from './generic';
import { isRelativeTime, parseDateAttr, parseDateText } from './generic/dates';
import type { AdapterResult, PostRecord } from './types';

/**
 * The generic adapter on every saved page (../shared/data/forums) and on the demo forum.
 * Expected values were read by hand from each saved file (grep); the "truth" functions
 * below select each page's real posts with the engine's own markup, which the generic
 * adapter never looks at.
 */

const DEMO = path.dirname(DISCOURSE_LIVE_DEMO);
const F = (rel: string) => path.join(SHARED_FORUMS, rel);

interface Truth {
  el: Element;
  author: string | null;
}

interface PageCase {
  name: string;
  file: string;
  url: string;
  kind: 'thread' | 'listing' | 'other';
  detect: boolean;
  /** Real posts (or listed topics), counted by hand in the saved file. */
  count: number;
  truth?: (doc: Document) => Truth[];
  /** Floors reached by the adapter: share of real posts found, share found with the right author. */
  floor?: { found: number; author: number };
}

const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim() || null;

/** The badge goes at the end of this element: it names the author and is not (inside) a link. */
function expectBadgeSpot(el: Element | null | undefined, author: string | null): void {
  expect(el, `badge spot for ${author}`).toBeTruthy();
  expect(el!.closest('a'), `badge spot for ${author} is a link`).toBeNull();
  expect(el!.textContent, `badge spot for ${author}`).toContain(author ?? '');
}
const all = (doc: Document | Element, sel: string) => [...doc.querySelectorAll(sel)];

const discourseTruth = (doc: Document): Truth[] =>
  all(doc, '[itemtype$="DiscussionForumPosting"]').map((el) => ({ el, author: text(el.querySelector('[itemprop="author"] [itemprop="name"]')) }));

const CASES: PageCase[] = [
  {
    name: 'Discourse crawler view (meta)',
    file: F('discourse/discourse_topic_meta_2020_appshell_with_noscript_crawler_view_onebox.html'),
    url: 'https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483',
    kind: 'thread',
    detect: true,
    count: 2,
    truth: discourseTruth,
    floor: { found: 1, author: 1 },
  },
  {
    name: 'GitHub issue 56',
    file: F('github/github_issue_56_rendered_dom_defuddle.html'),
    url: 'https://github.com/kepano/defuddle/issues/56',
    kind: 'thread',
    detect: true,
    count: 7,
    truth: (doc) => [
      ...all(doc, '[data-testid="issue-viewer-issue-container"]').map((el) => ({ el, author: text(el.querySelector('[data-testid="issue-body-header-author"]')) })),
      ...all(doc, '.react-issue-comment').map((el) => ({ el, author: text(el.querySelector('[data-testid="avatar-link"]')) })),
    ],
    floor: { found: 1, author: 1 },
  },
  {
    name: 'HN front page',
    file: F('hackernews/hn_frontpage_2022-08_purifier.html'),
    url: 'https://news.ycombinator.com/',
    kind: 'listing',
    detect: false,
    count: 30,
    // A job ad (row 30-ish) shows no author.
    truth: (doc) => all(doc, 'tr.athing').map((el) => ({ el, author: text(el.nextElementSibling?.querySelector('a.hnuser')) })),
    floor: { found: 0.95, author: 0.95 },
  },
  {
    name: 'HN item',
    file: F('hackernews/hn_item_2023-07_postlight.html'),
    url: 'https://news.ycombinator.com/item?id=36817231',
    kind: 'thread',
    detect: true,
    count: 101,
    truth: (doc) => [...all(doc, 'table.fatitem'), ...all(doc, 'tr.athing.comtr')].map((el) => ({ el, author: text(el.querySelector('a.hnuser')) })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'Lobsters story',
    file: F('lobsters/lobsters_story_2020_handsonscala.html'),
    url: 'https://lobste.rs/s/claygr/what_are_you_doing_this_weekend',
    kind: 'thread',
    detect: true,
    count: 27,
    truth: (doc) => [
      ...all(doc, 'li.story').map((el) => ({ el, author: text(el.querySelector('a.u-author')) })),
      ...all(doc, 'div.comment[id^="c_"]').map((el) => ({
        el,
        author: text(all(el, '.byline a[href*="/u/"]').find((a) => text(a))),
      })),
    ],
    floor: { found: 1, author: 1 },
  },
  {
    name: 'NodeBB 4 recent (topic list)',
    file: F('nodebb/nodebb4_recent_live.html'),
    url: 'http://127.0.0.1:4567/recent',
    kind: 'listing',
    detect: false,
    count: 4,
    truth: (doc) => all(doc, '[component="category/topic"]').map((el) => ({ el, author: el.querySelector('a[href^="/user/"]')?.getAttribute('title') ?? null })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'NodeBB 4 topic',
    file: F('nodebb/nodebb4_topic_en_guest_live.html'),
    url: 'http://127.0.0.1:4567/topic/2/upgrading-to-nodebb-4-was-surprisingly-smooth',
    kind: 'thread',
    detect: true,
    count: 5,
    truth: (doc) => all(doc, 'li[component="post"]').map((el) => ({ el, author: el.getAttribute('data-username') })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'NodeBB 2019 topic',
    file: F('nodebb/nodebb_topic_2019_nettally.html'),
    url: 'https://community.nodebb.org/topic/13803/new-desing-for-nodebb-chat',
    kind: 'thread',
    detect: true,
    count: 13,
    truth: (doc) => all(doc, 'li[component="post"]').map((el) => ({ el, author: el.getAttribute('data-username') })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'XenForo 2 thread',
    file: F('other/xenforo2_thread_2019_nettally.html'),
    url: 'https://xenforo.com/community/threads/a-dark-theme-option.8276/',
    kind: 'thread',
    detect: true,
    count: 8,
    truth: (doc) => all(doc, 'article.message--post').map((el) => ({ el, author: el.getAttribute('data-author') })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'phpBB 3 topic, page 2',
    file: F('phpbb/phpbb_viewtopic_2019_nettally.html'),
    url: 'https://www.ilovephilosophy.com/viewtopic.php?f=1&t=194998&start=25',
    kind: 'thread',
    detect: true,
    count: 25,
    truth: (doc) => all(doc, 'div.post[id^="p"]').map((el) => ({ el, author: text(el.querySelector('p.author strong a')) })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'Reddit 2018 redesign, 15 comments',
    file: F('reddit_new/postlight_www.reddit.com--title-only.html'),
    url: 'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/',
    kind: 'thread',
    detect: true,
    count: 15,
    truth: redesignTruth,
    floor: { found: 1, author: 1 },
  },
  {
    name: 'Reddit 2018 redesign, 197 comments',
    file: F('reddit_new/postlight_www.reddit.com.html'),
    url: 'https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/',
    kind: 'thread',
    detect: true,
    count: 197,
    truth: redesignTruth,
    // 24 comments are "[deleted]" / removed: no author link, and the page's blocks have no class to find them by.
    floor: { found: 0.87, author: 0.87 },
  },
  {
    name: 'shreddit crawler stub',
    file: F('reddit_new/shreddit_post_social_crawler_stub_2024-07_liquidx.html'),
    url: 'https://www.reddit.com/r/WebSim/comments/1d110ph/the_websim_url_prompting_bible/',
    kind: 'other',
    detect: false,
    count: 0,
  },
  {
    name: 'old Reddit thread',
    file: F('reddit_old/old_reddit_thread_2018-04_blogskipper.html'),
    url: 'https://old.reddit.com/r/aww/comments/8dyrb3/ben_is_very_proud_of_himself_for_learning_to_go/',
    kind: 'thread',
    detect: true,
    count: 198,
    truth: (doc) => all(doc, 'div.thing[data-type="link"], div.thing[data-type="comment"]').map((el) => ({ el, author: el.getAttribute('data-author') })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'Stack Overflow question',
    file: F('stackexchange/so_question_1732348_2020-12_howdoi.html'),
    url: 'https://stackoverflow.com/questions/1732348/regex-match-open-tags-except-xhtml-self-contained-tags',
    kind: 'thread',
    detect: true,
    count: 114,
    truth: (doc) => {
      // The owner's signature is the last one of a post; a community wiki shows its main author last in it.
      const owner = (post: Element) => {
        const sigs = all(post, '.post-signature').filter((s) => !s.closest('.comments'));
        const details = all(sigs.at(-1)!, '.user-details').at(-1);
        const links = details ? all(details, 'a') : [];
        return text(links.at(-1)) ?? text(details);
      };
      return [
        ...all(doc, '[itemtype$="/Question"]').map((el) => ({ el, author: owner(el.querySelector('.question, [data-questionid]') ?? el) })),
        ...all(doc, 'div.answer').map((el) => ({ el, author: owner(el) })),
        // A deleted user's name is a plain span.comment-user.
        ...all(doc, 'li.comment').map((el) => ({ el, author: text(el.querySelector('.comment-user')) })),
      ];
    },
    floor: { found: 1, author: 1 },
  },
  {
    name: 'demo: live Discourse topic (reconstructed)',
    file: path.join(DEMO, 'live-topic.html'),
    url: 'http://127.0.0.1:8790/t/weekly-study-group-sql-window-functions/4242',
    kind: 'thread',
    detect: true,
    count: 6,
    truth: (doc) => all(doc, 'article[data-post-id]').map((el) => ({ el, author: demoPosts.find((p) => String(p.id) === el.getAttribute('data-post-id'))?.username ?? null })),
    floor: { found: 1, author: 1 },
  },
  {
    name: 'demo: Discourse crawler topic',
    file: path.join(DEMO, 'crawler-topic.html'),
    url: 'https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483',
    kind: 'thread',
    detect: true,
    count: 2,
    truth: discourseTruth,
    floor: { found: 1, author: 1 },
  },
];

function redesignTruth(doc: Document): Truth[] {
  return all(doc, 'div.Comment').map((el) => {
    const link = text(el.querySelector('[data-testid="comment_author_link"]'));
    const icon = /\/user\/([^/]+)\/?$/.exec(el.querySelector('[data-testid="comment_author_icon"]')?.getAttribute('href') ?? '')?.[1] ?? null;
    return { el, author: link ?? icon };
  });
}

const cache = new Map<string, { doc: Document; url: URL; result: AdapterResult }>();
function readCase(c: PageCase) {
  let hit = cache.get(c.file);
  if (!hit) {
    const { doc, url } = load(c.file, c.url);
    hit = { doc, url, result: genericAdapter.read(doc, url) };
    cache.set(c.file, hit);
  }
  return hit;
}

/** Each real post matched to at most one found post: by element (the same, inside it, or holding only it). */
function score(c: PageCase): { found: number; author: number; truth: number } {
  const { doc, result } = readCase(c);
  const truth = c.truth!(doc);
  const matched = new Map<Truth, { author: string | null }>();
  if (c.kind === 'listing') {
    for (const row of result.page.listing) {
      const el = result.listingElements?.get(row.id)?.row;
      const t = truth.find((x) => !matched.has(x) && el && (x.el === el || x.el.contains(el) || el.contains(x.el)));
      if (t) matched.set(t, { author: row.author });
    }
  } else {
    for (const p of result.page.posts) {
      const el = result.elements.get(p.id)?.post;
      if (!el) continue;
      const inside = truth.filter((x) => x.el.contains(el)).pop();
      const holding = truth.filter((x) => el.contains(x.el));
      const t = inside ?? (holding.length === 1 ? holding[0] : undefined);
      if (t && !matched.has(t)) matched.set(t, { author: p.author });
    }
  }
  const right = [...matched].filter(([t, m]) => t.author === m.author).length;
  return { found: matched.size / Math.max(1, truth.length), author: right / Math.max(1, truth.length), truth: truth.length };
}

describe('generic adapter on every saved page', () => {
  it('prints and checks, per page, the share of real posts found and found with the right author', () => {
    const rows: string[] = [];
    const fails: string[] = [];
    for (const c of CASES) {
      const { result } = readCase(c);
      const s = c.truth ? score(c) : null;
      const got = c.kind === 'listing' ? result.page.listing.length : result.page.posts.length;
      rows.push(
        [
          c.name.padEnd(44),
          result.page.kind.padEnd(8),
          String(c.count).padStart(5),
          String(got).padStart(6),
          s ? s.found.toFixed(2).padStart(7) : '    n/a',
          s ? s.author.toFixed(2).padStart(7) : '    n/a',
        ].join(' '),
      );
      if (result.page.kind !== c.kind) fails.push(`${c.name}: kind ${result.page.kind}`);
      // Every badge spot is outside links (the badge would become part of the link).
      const linked = [...result.elements.values()].filter((e) => e.author?.closest('a')).length;
      if (linked > 0) fails.push(`${c.name}: ${linked} badge spots inside links`);
      if (s && s.truth !== c.count) fails.push(`${c.name}: truth has ${s.truth} posts, counted ${c.count} by hand`);
      if (s && c.floor && (s.found < c.floor.found || s.author < c.floor.author)) fails.push(`${c.name}: ${s.found.toFixed(2)} / ${s.author.toFixed(2)}`);
    }
    console.log(
      ['page'.padEnd(44), 'kind'.padEnd(8), 'real'.padStart(5), 'found'.padStart(6), ' share'.padStart(7), ' author'.padStart(7)].join(' ') +
        '\n' +
        rows.join('\n'),
    );
    expect(fails).toEqual([]);
  }, 120_000);
});

/** first / last post as [author, createdAt, score, likeCount]. */
const brief = (p: PostRecord | undefined) => p && [p.author, p.createdAt, p.score, p.likeCount];
const depths = (posts: PostRecord[]) => posts.reduce<Record<number, number>>((m, p) => ((m[p.depth!] = (m[p.depth!] ?? 0) + 1), m), {});
const byId = (posts: PostRecord[], id: string) => posts.find((p) => p.id === id);
const get = (name: string) => readCase(CASES.find((c) => c.name === name)!).result;

describe('generic adapter: page by page (values read by hand from the saved HTML)', () => {
  it('Discourse crawler view: microdata posts, likes from the interaction counters', () => {
    for (const name of ['Discourse crawler view (meta)', 'demo: Discourse crawler topic']) {
      const { page, elements } = get(name);
      expect(page.thread?.title).toBe('Congratulations, most stars in 2013 GitHub Octoverse!');
      expect(page.posts).toHaveLength(2);
      expect(brief(page.posts[0])).toEqual(['techAPJ', '2014-02-06T04:55:19.000Z', null, 8]);
      expect(brief(page.posts[1])).toEqual(['codinghorror', '2014-02-06T05:27:06.000Z', null, 1]);
      expect(page.posts.map((p) => [p.role, p.depth])).toEqual([['opening', 0], ['reply', 0]]);
      expect(page.posts[0]!.text).toMatch(/^Congratulations Discourse for qualifying Repositories with the most stars on GitHub Octoverse\.\nAnd that too/);
      expectBadgeSpot(elements.get(page.posts[0]!.id)?.author, 'techAPJ');
    }
  });

  it('GitHub issue: the issue body from JSON-LD matched to the page, then 6 comments', () => {
    const { page, elements } = get('GitHub issue 56');
    expect(page.thread).toMatchObject({ title: 'Defuddle on Cloudflare Workers', author: 'jmorrell', replyCount: 6, url: 'https://github.com/kepano/defuddle/issues/56' });
    expect(page.posts).toHaveLength(7);
    expect(page.posts[0]).toMatchObject({ id: 'issue-3089558116', role: 'opening', author: 'jmorrell', createdAt: '2025-05-25T20:35:48.000Z' });
    expect(page.posts[0]!.text).toMatch(/^Example repo here: https:\/\/github.com\/jmorrell\/defuddle-cloudflare-example/);
    expect(page.posts.at(-1)).toMatchObject({ id: 'issuecomment-2981017870', author: 'nbbaier', createdAt: '2025-06-17T16:23:25.000Z' });
    expect(page.posts.map((p) => p.author)).toEqual(['jmorrell', 'jmorrell', 'masylum', 'nbbaier', 'nbbaier', 'masylum', 'nbbaier']);
    expect(depths(page.posts)).toEqual({ 0: 7 });
    expect(elements.size).toBe(7);
    expect(page.problems).toEqual([]);
  });

  it('HN item: the story and 100 comments nested by their indent', () => {
    const { page } = get('HN item');
    expect(page.thread).toMatchObject({ title: 'Ask HN: What are the best papers you read in your life?', author: 'toombowoombo', score: 225, replyCount: 100 });
    expect(page.posts).toHaveLength(101);
    expect(page.posts[0]).toMatchObject({ id: '36817231', role: 'opening', author: 'toombowoombo', createdAt: '2023-07-21T18:04:01.000Z', score: 225 });
    expect(page.posts[0]!.text).toMatch(/^I'm trying to get an understanding on what quality means/);
    expect(page.posts.at(-1)).toMatchObject({ id: '36819066', author: 'femiagbabiaka', createdAt: '2023-07-21T20:15:59.000Z', depth: 0 });
    // indent="0" 58 times, "1" 26, "2" 11, "3" 3, "4" 2; the story is top level too.
    expect(depths(page.posts)).toEqual({ 0: 59, 1: 26, 2: 11, 3: 3, 4: 2 });
    // "parent" links of the page: 36821956 -> 36818754.
    expect(byId(page.posts, '36821956')).toMatchObject({ parentId: '36818754', depth: 1, author: 'cvwright' });
    expect(byId(page.posts, '36818754')).toMatchObject({ parentId: null, depth: 0, author: 'PaulRobinson' });
    expect(page.problems).toEqual(['generic: the page shows times without a time zone; they were read as UTC']);
  });

  it('Lobsters: the story (score 8) and 26 comments nested in lists', () => {
    const { page } = get('Lobsters story');
    expect(page.thread).toMatchObject({ title: 'What are you doing this weekend?', author: 'caius' });
    expect(page.posts).toHaveLength(27);
    expect(brief(page.posts[0])).toEqual(['caius', '2020-06-19T16:41:44.000Z', 8, null]);
    expect(page.posts[0]!.text).toContain('Feel free to tell what you plan on doing this weekend');
    expect(brief(page.posts[1])).toEqual(['adamo', '2020-06-19T16:54:37.000Z', 7, null]);
    // Last comment: "2020-06-19 22:49:40 -0500", score cell empty.
    expect(brief(page.posts.at(-1))).toEqual(['0x70532007', '2020-06-20T03:49:40.000Z', null, null]);
    expect(depths(page.posts)).toEqual({ 0: 19, 1: 5, 2: 1, 3: 1, 4: 1 });
    expect(byId(page.posts, 'c_ohjd8f')).toMatchObject({ parentId: 'c_vmrtbe', depth: 1, author: 'notagoodidea' });
  });

  it('NodeBB 4: microdata Comments; the topic item is the first post, net votes as score', () => {
    const { page, elements } = get('NodeBB 4 topic');
    expect(page.thread).toMatchObject({ title: 'Upgrading to NodeBB 4 was surprisingly smooth', author: 'alice', replyCount: 4, likeCount: 2 });
    expect(page.posts.map((p) => [p.id, p.author, p.createdAt, p.score, p.role, p.depth])).toEqual([
      ['2', 'alice', '2026-11-25T04:52:25.252Z', 2, 'opening', 0],
      ['3', 'bob', '2026-11-25T04:52:25.337Z', 1, 'reply', 0],
      ['4', '李华', '2026-11-25T04:52:25.392Z', 1, 'reply', 0],
      ['5', 'admin', '2026-11-25T04:52:25.419Z', -1, 'reply', 0],
      ['6', 'bob', '2026-11-25T04:52:25.444Z', 0, 'reply', 0],
    ]);
    for (const p of page.posts) expectBadgeSpot(elements.get(p.id)?.author, p.author);
  });

  it('NodeBB 2019: 13 microdata Comments', () => {
    const { page } = get('NodeBB 2019 topic');
    expect(page.thread).toMatchObject({ title: 'New desing for NodeBB chat!', author: 'youhosi' });
    expect(page.posts).toHaveLength(13);
    expect(page.posts[0]).toMatchObject({ id: '73812', role: 'opening', author: 'youhosi', createdAt: '2019-03-24T19:54:11.505Z', score: 11 });
    expect(page.posts.at(-1)).toMatchObject({ id: '74301', author: 'tonylee123321', createdAt: '2019-05-06T06:07:20.657Z', score: 1 });
    expect(page.posts.map((p) => p.score)).toEqual([11, 0, 0, 4, 1, 5, 2, 0, 1, 0, 0, 0, 1]);
    expect(depths(page.posts)).toEqual({ 0: 13 });
    // youhosi quotes MJ: the quote and its "@MJ said in …:" line are not youhosi's words.
    expect(page.posts[3]!.text).not.toContain('said in');
    expect(page.posts[3]!.text).not.toContain('more like other chat-apps');
  });

  it('XenForo 2: 8 posts, the JSON-LD thread matched to the first', () => {
    const { page } = get('XenForo 2 thread');
    expect(page.thread).toMatchObject({ title: 'a dark theme option', category: 'XenForo suggestions', author: 'dieketzer', replyCount: 7 });
    expect(page.posts.map((p) => p.author)).toEqual(['dieketzer', 'krstep', 'dieketzer', 'anotheralias', 'T3G Silas', 'Azofan', 'AndyB', 'sub_ubi']);
    expect(page.posts[0]).toMatchObject({ id: 'post-114210', role: 'opening', createdAt: '2010-11-21T10:51:58.000Z' });
    // "2019-06-26T10:25:09+0100".
    expect(page.posts.at(-1)).toMatchObject({ id: 'post-1358710', createdAt: '2019-06-26T09:25:09.000Z', role: 'reply' });
    expect(page.posts[0]!.text).toMatch(/^it would be great if by default a dark theme shipped with xenforo\./);
    expect(depths(page.posts)).toEqual({ 0: 8 });
    expect(page.problems).toEqual([]);
  });

  it('phpBB: page 2 of the topic, 25 replies with zone-less times read as UTC', () => {
    const { page } = get('phpBB 3 topic, page 2');
    expect(page.thread?.title).toBe('Biological Will');
    expect(page.posts).toHaveLength(25);
    // "Sun May 26, 2019 4:34 pm", "Sat Jun 01, 2019 7:20 pm": the board's zone is not shown.
    expect(page.posts[0]).toMatchObject({ id: 'p2729870', author: 'Jakob', createdAt: '2019-05-26T16:34:00.000Z', role: 'reply' });
    expect(page.posts.at(-1)).toMatchObject({ id: 'p2730442', author: 'promethean75', createdAt: '2019-06-01T19:20:00.000Z' });
    // The first post is "Re: Biological Will" on page 2: not the opening post.
    expect(page.posts.some((p) => p.role === 'opening')).toBe(false);
    expect(page.posts[1]!.text).toBe('https://vocaroo.com/i/s0WJlPuchytm');
    expect(depths(page.posts)).toEqual({ 0: 25 });
    // Signatures are not text.
    expect(page.posts[0]!.text).not.toContain('For behold');
    expect(page.problems).toContain('generic: the page shows times without a time zone; they were read as UTC');
  });

  it('Reddit redesign: comments with relative times only, depth from indentation', () => {
    const small = get('Reddit 2018 redesign, 15 comments').page;
    // The post's <h1>, which the <title> ("… : AskReddit") contains.
    expect(small.thread?.title).toBe('What is the most "worth it" item you have ever purchased?');
    expect(small.posts).toHaveLength(15);
    expect(small.posts[0]).toMatchObject({ id: 't1_ehwfe48', author: 'TheEngLife', createdAt: null });
    expect(small.posts.at(-1)).toMatchObject({ id: 't1_ehwt27q', author: 'WorshipNickOfferman', parentId: 't1_ehwgryj', depth: 1 });
    // "level 1" 8 times, "level 2" 7 times; 5 comments are "[deleted]" or deleted.
    expect(depths(small.posts)).toEqual({ 0: 8, 1: 7 });
    expect(small.posts.filter((p) => !p.author)).toHaveLength(5);
    expect(small.problems).toContain('generic: 15 post(s) show only a relative time ("3 hours ago"); their dates are unknown');

    const big = get('Reddit 2018 redesign, 197 comments').page;
    expect(big.thread?.title).toBe('r/Showerthoughts - Vanilla becoming the default flavour of ice cream is the greatest underdog story of all time.');
    expect(big.posts).toHaveLength(174);
    expect(big.posts[0]).toMatchObject({ id: 't3_awx46q', role: 'opening', author: 'benyacobi' });
    expect(big.posts.at(-1)).toMatchObject({ id: 't1_ehqbwl9', author: 'CoalitionChaos' });
    // The page's "level N" label of every comment found gives its depth.
    const { doc, result } = readCase(CASES.find((c) => c.name === 'Reddit 2018 redesign, 197 comments')!);
    let checked = 0;
    for (const p of big.posts.slice(1)) {
      const el = result.elements.get(p.id)!.post;
      const level = /level (\d+)/.exec((el.closest('div.Comment') ?? el.querySelector('div.Comment'))?.textContent ?? '')?.[1];
      expect(p.depth, p.id).toBe(Number(level) - 1);
      checked += 1;
    }
    expect(checked).toBe(173);
    expect(doc.querySelectorAll('div.Comment')).toHaveLength(197);
  });

  it('old Reddit: the link post and 197 comments nested', () => {
    const { page } = get('old Reddit thread');
    expect(page.thread).toMatchObject({ title: 'Ben is very proud of himself for learning to go on walks • r/aww', author: 'Brookefemale', replyCount: 197 });
    expect(page.posts).toHaveLength(198);
    // Score shown "21.5k", exact in the title attribute of the unvoted score: 21542.
    expect(page.posts[0]).toMatchObject({ id: 't3_8dyrb3', role: 'opening', author: 'Brookefemale', createdAt: '2018-04-21T21:28:31.000Z', score: 21542 });
    expect(page.posts[1]).toMatchObject({ id: 't1_dxr0evr', author: 'Brookefemale', createdAt: '2018-04-21T21:36:45.000Z', score: 690, depth: 0 });
    expect(page.posts.at(-1)).toMatchObject({ id: 't1_dxrimet', author: 'prettylama', createdAt: '2018-04-22T03:46:27.000Z', score: 2, depth: 1, parentId: 't1_dxre1us' });
    // Counted on the HTML: comment things inside 0..8 other comment things.
    expect(depths(page.posts)).toEqual({ 0: 99, 1: 50, 2: 18, 3: 11, 4: 8, 5: 5, 6: 4, 7: 2, 8: 1 });
    expect(byId(page.posts, 't1_dxr2wt8')).toMatchObject({ parentId: 't1_dxr2q90', depth: 2 });
  });

  it('Stack Overflow: Question and Answer microdata, comments found by structure', () => {
    const { page } = get('Stack Overflow question');
    expect(page.thread).toMatchObject({ title: 'RegEx match open tags except XHTML self-contained tags', author: 'Jeff', score: 1607, replyCount: 36 });
    expect(page.posts).toHaveLength(114);
    expect(page.posts.filter((p) => p.role === 'opening')).toHaveLength(1);
    expect(page.posts.filter((p) => p.role === 'answer')).toHaveLength(30);
    expect(page.posts.filter((p) => p.role === 'comment')).toHaveLength(83);
    expect(page.posts[0]).toMatchObject({ id: '1732348', author: 'Jeff', createdAt: '2009-11-13T22:38:26.000Z', score: 1607, isAccepted: null });
    expect(page.posts[1]).toMatchObject({ id: '1732454', role: 'answer', author: 'bobince', score: 4413, isAccepted: true, depth: 0 });
    expect(page.posts[2]).toMatchObject({ id: '1612336', role: 'comment', author: 'bobince', parentId: '1732454', depth: 1, createdAt: '2009-11-13T23:18:03.000Z' });
    expect(page.posts.at(-1)).toMatchObject({ id: '2226652', role: 'answer', author: 'Emre Yazici', createdAt: '2010-02-09T03:59:27.000Z', score: 49, isAccepted: false });
    expect(page.posts.filter((p) => p.isAccepted === true).map((p) => p.id)).toEqual(['1732454']);
    // The one answer with another editor names its owner, not its editor (Callum Watkins).
    expect(byId(page.posts, '7564061')?.author).toBe('Sam');
    expect(depths(page.posts)).toEqual({ 0: 31, 1: 83 });
  });

  it('demo live Discourse topic: display names and usernames told apart, quotes left out', () => {
    const { page, elements } = get('demo: live Discourse topic (reconstructed)');
    expect(page.thread?.title).toBe(demoPosts.length > 0 ? '每周学习小组：SQL 窗口函数 / Weekly study group: SQL window functions' : '');
    expect(page.posts.map((p) => [p.id, p.author, p.authorName, p.createdAt, p.likeCount])).toEqual(
      demoPosts.slice(0, 6).map((p) => [String(p.id), p.username, p.name, p.createdAt, p.likes > 0 ? p.likes : null]),
    );
    expect(page.posts[3]!.text).not.toContain('有什么区别');
    expect(depths(page.posts)).toEqual({ 0: 6 });
    for (const p of page.posts) {
      expectBadgeSpot(elements.get(p.id)?.author, p.author);
      expect(elements.get(p.id)?.author?.matches('.names .username')).toBe(true);
    }
  });

  it('listing pages come out as topic lists, not threads', () => {
    const hn = get('HN front page');
    expect(hn.page.kind).toBe('listing');
    expect(hn.page.posts).toEqual([]);
    expect(hn.page.listing).toHaveLength(29);
    expect(hn.page.listing[0]).toMatchObject({
      id: '32348519',
      title: 'Why Is the Web So Monotonous? Google',
      url: 'https://reasonablypolymorphic.com/blog/monotonous-web/index.html',
      author: 'amf12',
      createdAt: '2022-08-04T21:28:18.000Z',
      score: 90,
      replyCount: 64,
    });
    const nb = get('NodeBB 4 recent (topic list)');
    expect(nb.page.kind).toBe('listing');
    expect(nb.page.listing.map((t) => [t.id, t.title, t.author])).toEqual([
      ['4', 'Search is broken again', 'bob'],
      ['3', '大家觉得新版论坛怎么样？', '李华'],
      ['2', 'Upgrading to NodeBB 4 was surprisingly smooth', 'alice'],
      ['1', 'Welcome to your NodeBB!', 'admin'],
    ]);
    expect(nb.listingElements?.get('4')?.title?.textContent).toBe('Search is broken again');
  });
});

const forumFiles = [
  ...readdirSync(SHARED_FORUMS).flatMap((d) => readdirSync(path.join(SHARED_FORUMS, d)).map((f) => path.join(SHARED_FORUMS, d, f))),
  ...readdirSync(DEMO)
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(DEMO, f)),
];

describe('generic adapter: detection', () => {
  it('is true on every thread page and false on topic lists and the empty stub, whatever the URL', () => {
    expect(forumFiles.length).toBe(CASES.length);
    for (const file of forumFiles) {
      const c = CASES.find((x) => x.file === file);
      expect(c, file).toBeDefined();
      for (const url of [c!.url, 'https://example.org/']) {
        const { doc, url: u } = load(file, url);
        expect(genericAdapter.detect(doc, u), `${c!.name} at ${url}`).toBe(c!.detect);
      }
    }
  }, 120_000);

  const BLOG = `<!doctype html><html><head><title>Why we moved to Postgres – Acme blog</title>
    <meta property="og:type" content="article"></head><body>
    <nav><a href="/">Home</a> <a href="/author/jane-doe">Jane</a> <a href="/login">Log in</a></nav>
    <article class="post"><h1>Why we moved to Postgres</h1>
      <p class="byline">By <a rel="author" href="/author/jane-doe">Jane Doe</a> on <time datetime="2024-03-02T10:00:00Z">March 2, 2024</time></p>
      <div class="entry-content"><p>We ran MySQL for ten years. Here is what changed our minds.</p><p>First, the planner.</p></div>
    </article>
    <aside><h2>Related</h2><ul>
      <li><a href="/2024/01/indexes">Indexes explained</a> <time datetime="2024-01-10">Jan 10, 2024</time></li>
      <li><a href="/2023/12/backups">Backups that work</a> <time datetime="2023-12-01">Dec 1, 2023</time></li></ul></aside>
    </body></html>`;

  const BLOG_WITH_COMMENTS = BLOG.replace(
    '</article>',
    `</article><section id="comments"><h2>2 comments</h2><ol class="commentlist">
      <li class="comment" id="comment-11"><article class="comment-body"><footer class="comment-meta">
        <span class="comment-author"><a href="/author/sam" class="url">Sam</a></span>
        <a href="#comment-11"><time datetime="2024-03-02T12:00:00Z">March 2, 2024 at 12:00</time></a></footer>
        <div class="comment-content"><p>Did you try the JSON columns?</p></div></article>
        <ol class="children"><li class="comment" id="comment-12"><article class="comment-body"><footer class="comment-meta">
          <span class="comment-author"><a href="/author/jane-doe" class="url">Jane Doe</a></span>
          <a href="#comment-12"><time datetime="2024-03-02T13:30:00Z">March 2, 2024 at 13:30</time></a></footer>
          <div class="comment-content"><p>Yes, they are great.</p></div></article></li></ol></li>
      <li class="comment" id="comment-13"><article class="comment-body"><footer class="comment-meta">
        <span class="comment-author"><a href="/author/kim" class="url">Kim</a></span>
        <a href="#comment-13"><time datetime="2024-03-03T08:00:00Z">March 3, 2024 at 08:00</time></a></footer>
        <div class="comment-content"><p>Great write-up.</p></div></article></li></ol></section>`,
  );

  const PRODUCT = `<!doctype html><html><head><title>Acme Kettle 1.7 l</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Acme Kettle",
      "aggregateRating":{"@type":"AggregateRating","ratingValue":"4.5","reviewCount":"2"},
      "review":[{"@type":"Review","author":{"@type":"Person","name":"Ann"},"datePublished":"2024-02-01","reviewBody":"Boils fast."},
                {"@type":"Review","author":{"@type":"Person","name":"Bo"},"datePublished":"2024-02-03","reviewBody":"Loud."}]}</script>
    </head><body><h1>Acme Kettle 1.7 l</h1><p class="price">€29</p><button>Add to cart</button>
    <section class="reviews">
      <div class="review"><span class="review-author"><a href="/profile/ann">Ann</a></span> <time datetime="2024-02-01">Feb 1, 2024</time><p class="review-text">Boils fast, easy to clean, looks nice on the counter.</p></div>
      <div class="review"><span class="review-author"><a href="/profile/bo">Bo</a></span> <time datetime="2024-02-03">Feb 3, 2024</time><p class="review-text">Loud, but it does the job well enough for me.</p></div>
    </section></body></html>`;

  const SEARCH = `<!doctype html><html><head><title>Search: postgres</title></head><body>
    <form action="/search"><input name="q" value="postgres"><button>Search</button></form>
    <div class="results">
      <div class="result"><h3><a href="https://www.postgresql.org/">PostgreSQL: The world's most advanced open source database</a></h3><span class="date">Mar 1, 2024</span><p>PostgreSQL is a powerful, open source object-relational database system…</p></div>
      <div class="result"><h3><a href="https://en.wikipedia.org/wiki/PostgreSQL">PostgreSQL - Wikipedia</a></h3><span class="date">Feb 12, 2024</span><p>PostgreSQL, also known as Postgres, is a free and open-source relational database…</p></div>
      <div class="result"><h3><a href="https://example.com/pg-tips">10 Postgres tips</a></h3><span class="date">Jan 5, 2024</span><p>Tips for running Postgres in production, from indexes to vacuum…</p></div>
    </div></body></html>`;

  const FORUM_SEARCH = `<!doctype html><html><head><title>Search results for "kettle" - Acme forum</title></head><body>
    <ul class="search-results">
      <li class="hit"><h3><a href="/t/kettle-too-loud/12">Kettle too loud?</a></h3><a href="/u/ann">ann</a> <time datetime="2024-02-01T10:00:00Z">Feb 1</time><p>Mine whistles like a train, is that normal for this model?</p></li>
      <li class="hit"><h3><a href="/t/descaling/15">Descaling the kettle</a></h3><a href="/u/bo">bo</a> <time datetime="2024-02-05T10:00:00Z">Feb 5</time><p>Vinegar or citric acid? Asking for a friend who owns this kettle.</p></li>
      <li class="hit"><h3><a href="/t/warranty/19">Warranty for the kettle</a></h3><a href="/u/cy">cy</a> <time datetime="2024-02-09T10:00:00Z">Feb 9</time><p>How long is the warranty on the kettle in the EU?</p></li>
    </ul></body></html>`;

  const FAQ = `<!doctype html><html><head><title>FAQ</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Is it free?","acceptedAnswer":{"@type":"Answer","text":"Yes."}}]}</script></head><body><h1>FAQ</h1><h2>Is it free?</h2><p>Yes.</p></body></html>`;

  const plain = (html: string) => loadHtml(html, 'https://shop.example/page');

  it('is false on a blog article without comments, a product page with reviews, a search page, a FAQ and an empty page', () => {
    for (const [name, html] of [
      ['blog', BLOG],
      ['product', PRODUCT],
      ['search', SEARCH],
      ['forum search', FORUM_SEARCH],
      ['faq', FAQ],
      ['empty', '<!doctype html><html><head></head><body></body></html>'],
      ['nothing', ''],
    ] as const) {
      const { doc, url } = plain(html);
      expect(genericAdapter.detect(doc, url), name).toBe(false);
      const r = genericAdapter.read(doc, url);
      expect(r.page.posts, name).toEqual([]);
      expect(r.page.kind, name).toBe(name === 'forum search' ? 'listing' : 'other');
    }
  });

  it('is true on a blog article with comments: the article opens, the comments nest', () => {
    const { doc, url } = plain(BLOG_WITH_COMMENTS);
    expect(genericAdapter.detect(doc, url)).toBe(true);
    const { page, elements } = genericAdapter.read(doc, url);
    expect(page.thread?.title).toBe('Why we moved to Postgres');
    expect(page.posts.map((p) => [p.id, p.role, p.author, p.createdAt, p.depth, p.parentId, p.text])).toEqual([
      [expect.any(String), 'opening', 'Jane Doe', '2024-03-02T10:00:00.000Z', 0, null, 'We ran MySQL for ten years. Here is what changed our minds.\nFirst, the planner.'],
      ['comment-11', 'reply', 'Sam', '2024-03-02T12:00:00.000Z', 0, null, 'Did you try the JSON columns?'],
      ['comment-12', 'reply', 'Jane Doe', '2024-03-02T13:30:00.000Z', 1, 'comment-11', 'Yes, they are great.'],
      ['comment-13', 'reply', 'Kim', '2024-03-03T08:00:00.000Z', 0, null, 'Great write-up.'],
    ]);
    expect(elements.get('comment-12')?.author?.matches('span.comment-author')).toBe(true);
    // Ids without the page's own id are stable between readings.
    const again = genericAdapter.read(plain(BLOG_WITH_COMMENTS).doc, url);
    expect(again.page.posts[0]!.id).toBe(page.posts[0]!.id);
  });
});

describe('generic adapter: robustness', () => {
  it('never throws on pages cut at 25 points and returns only well-formed posts', () => {
    for (const c of CASES.filter((x) => /phpBB|GitHub|NodeBB 2019|live Discourse/.test(x.name))) {
      const { html } = load(c.file, c.url);
      for (let cut = 0; cut <= html.length; cut += Math.ceil(html.length / 25)) {
        const { doc, url } = loadHtml(html.slice(0, cut), c.url);
        expect(() => genericAdapter.detect(doc, url)).not.toThrow();
        const { page, elements } = genericAdapter.read(doc, url);
        const ids = new Set(page.posts.map((p) => p.id));
        expect(ids.size, `${c.name} cut at ${cut}`).toBe(page.posts.length);
        for (const p of page.posts) {
          expect(typeof p.id).toBe('string');
          expect(p.id.length).toBeGreaterThan(0);
          expect(p.author === null || (typeof p.author === 'string' && p.author.length > 0)).toBe(true);
          if (p.createdAt !== null) expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
          expect(Number.isInteger(p.depth)).toBe(true);
          expect(p.parentId === null || ids.has(p.parentId)).toBe(true);
          expect(typeof p.text).toBe('string');
        }
        for (const id of elements.keys()) expect(ids.has(id)).toBe(true);
        expect(page.problems.every((m) => m.startsWith('generic: '))).toBe(true);
      }
    }
  }, 180_000);

  it('survives posts without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<html><head><title>t</title>
       <script type="application/ld+json">{"@type":"DiscussionForumPosting","author":5,"datePublished":"yesterday","@graph":"x","comment":[null,{"@type":"Comment","text":{"a":1}}]}</script>
       <script type="application/ld+json">{not json</script></head><body>
       <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author"></span><meta itemprop="datePublished" content="soon"><div itemprop="text">microdata without author</div></div>
       <ul>
        <li class="c" data-pid="" indent="abc" style="padding-left: NaNpx"><a href="/u/">?</a><time datetime="9999999999999999">x</time><p class="content">first</p></li>
        <li class="c" data-pid="7"><a href="/user/ann">ann</a><span title="never">then</span><time datetime="2024-13-45T99:99:99Z">bad</time><p class="content">second post text</p></li>
        <li class="c"><a href="/user/bo">bo</a><time datetime="2024-05-01T10:00:00Z">May 1</time><p class="content">third post text</p></li>
        <li class="c"><a href="/user/cy"></a><time datetime="2024-05-02T10:00:00Z">May 2</time><p class="content">fourth post text</p></li>
       </ul></body></html>`,
      'https://forum.example/t/1',
    );
    const r = genericAdapter.read(doc, url);
    expect(r.page.problems).toEqual(
      expect.arrayContaining(['generic: a JSON-LD block is not valid JSON', expect.stringMatching(/no readable author/), expect.stringMatching(/no readable date/)]),
    );
    expect(r.page.posts.map((p) => [p.author, p.createdAt])).toEqual(
      expect.arrayContaining([
        [null, null],
        ['bo', '2024-05-01T10:00:00.000Z'],
        ['cy', '2024-05-02T10:00:00.000Z'],
      ]),
    );
    for (const p of r.page.posts) if (p.createdAt) expect(Date.parse(p.createdAt)).toBeLessThan(Date.UTC(2100, 0, 1));
    expect(new Set(r.page.posts.map((p) => p.id)).size).toBe(r.page.posts.length);
  });
});

describe('generic adapter with the owner’s selectors', () => {
  const CUSTOM = `<!doctype html><html><head><title>Club board</title></head><body>
    <h1 class="topic">Spring meeting</h1>
    <div class="msg" data-mid="m-1"><span class="who">Anna</span><span class="when">2024-04-01 09:30</span><div class="txt">Shall we meet on Friday?</div></div>
    <div class="msg" data-mid="m-2"><span class="who">Ben</span><span class="when">2024-04-01 10:05</span><div class="txt">Friday works. <blockquote data-author="Anna">Shall we meet on Friday?</blockquote></div></div>
    <div class="msg" data-mid="m-3"><span class="who">Cleo</span><span class="when">2024-04-02 18:00</span><div class="txt">Count me in.</div></div>
    </body></html>`;
  const SEL = { post: 'div.msg', author: '.who', time: '.when', body: '.txt', id: '@data-mid', title: 'h1.topic' };

  it('reads a page the heuristic cannot (names without profile links)', () => {
    const { doc, url } = loadHtml(CUSTOM, 'https://club.example/board/7');
    expect(genericAdapter.detect(doc, url)).toBe(false);
    expect(genericAdapter.read(doc, url).page.posts).toEqual([]);
    const adapter = createGenericAdapter(SEL);
    expect(adapter.detect(doc, url)).toBe(true);
    const { page, elements } = adapter.read(doc, url);
    expect(page.kind).toBe('thread');
    expect(page.thread?.title).toBe('Spring meeting');
    expect(page.posts.map((p) => [p.id, p.author, p.createdAt, p.text, p.role])).toEqual([
      ['m-1', 'Anna', '2024-04-01T09:30:00.000Z', 'Shall we meet on Friday?', 'opening'],
      ['m-2', 'Ben', '2024-04-01T10:05:00.000Z', 'Friday works.', 'reply'],
      ['m-3', 'Cleo', '2024-04-02T18:00:00.000Z', 'Count me in.', 'reply'],
    ]);
    expect(elements.get('m-2')).toEqual({ post: doc.querySelectorAll('div.msg')[1], author: doc.querySelectorAll('.who')[1] });
  });

  it('reads the real XenForo page with article.message--post selectors', () => {
    const c = CASES.find((x) => x.name === 'XenForo 2 thread')!;
    const { doc, url } = load(c.file, c.url);
    const adapter = createGenericAdapter({
      post: 'article.message--post',
      author: '.message-name .username',
      time: '.message-attribution-main time',
      body: '.message-body .bbWrapper',
      id: '@data-content',
    });
    const { page, elements } = adapter.read(doc, url);
    expect(page.posts.map((p) => [p.id, p.author])).toEqual(
      all(doc, 'article.message--post').map((a) => [a.getAttribute('data-content'), a.getAttribute('data-author')]),
    );
    expect(page.posts[0]).toMatchObject({ role: 'opening', createdAt: '2010-11-21T10:51:58.000Z', authorUrl: 'https://xenforo.com/community/members/dieketzer.496/' });
    expect(page.posts[0]!.text).toMatch(/^it would be great if by default a dark theme shipped with xenforo\./);
    expect(page.posts.at(-1)).toMatchObject({ id: 'post-1358710', author: 'sub_ubi', createdAt: '2019-06-26T09:25:09.000Z' });
    expect(page.thread?.title).toBe('a dark theme option');
    for (const p of page.posts) expect(elements.get(p.id)?.author?.matches('h4.message-name')).toBe(true);
  });

  it('fills the parts not given like the heuristic does', () => {
    const c = CASES.find((x) => x.name === 'phpBB 3 topic, page 2')!;
    const { doc, url } = load(c.file, c.url);
    const { page } = createGenericAdapter({ post: 'div.post' }).read(doc, url);
    expect(page.posts).toHaveLength(25);
    expect(page.posts[0]).toMatchObject({ id: 'p2729870', author: 'Jakob', createdAt: '2019-05-26T16:34:00.000Z' });
  });

  it('reports invalid selectors and a post selector that matches nothing, without throwing', () => {
    const { doc, url } = loadHtml(CUSTOM, 'https://club.example/board/7');
    const bad = createGenericAdapter({ post: 'div[', author: '..who' });
    expect(bad.detect(doc, url)).toBe(false);
    const r = bad.read(doc, url);
    expect(r.page.posts).toEqual([]);
    expect(r.page.problems).toEqual(['generic: selectors: post: not a valid CSS selector', 'generic: selectors: author: not a valid CSS selector']);
    const none = createGenericAdapter({ post: 'article.nothing' }).read(doc, url);
    expect(none.page.problems).toEqual(['generic: the post selector matches nothing on this page']);
    expect(none.page.kind).toBe('other');
  });

  it('validateSelectors explains what is wrong, field by field', () => {
    expect(validateSelectors(SEL)).toEqual([]);
    // Blank optional fields are fields not given (the options page sends empty inputs).
    expect(validateSelectors({ post: 'article.message--post', author: '', time: '   ' })).toEqual([]);
    expect(validateSelectors({ post: '' })).toEqual(['post: required']);
    expect(validateSelectors({} as never)).toEqual(['post: required']);
    expect(validateSelectors({ post: 'div[', time: 'a::', body: '.ok' })).toEqual(['post: not a valid CSS selector', 'time: not a valid CSS selector']);
    expect(validateSelectors({ post: 'li', id: '@data pid' })).toEqual(['id: not a valid attribute name (write @data-pid)']);
    expect(validateSelectors({ post: 'li', id: '@data-pid' })).toEqual([]);
    expect(validateSelectors({ post: 'li', id: 'a.permalink' })).toEqual([]);
    expect(validateSelectors({ post: `${'div '.repeat(200)}p` })).toEqual(['post: too long (at most 500 characters)']);
    expect(validateSelectors({ post: 'li', author: 5 } as never)).toEqual(['author: must be text']);
  });
});

describe('generic adapter: dates as forums write them', () => {
  it('reads attribute and text dates to UTC, and knows relative times from instants', () => {
    const at = (s: string) => parseDateText(s);
    // phpBB prosilver, no zone shown: read as UTC and said so.
    expect(at('Sun May 26, 2019 4:34 pm')).toEqual({ iso: '2019-05-26T16:34:00.000Z', zoned: false, hasTime: true });
    expect(at('by » Sun Jan 27, 2019 12:05 am')?.iso).toBe('2019-01-27T00:05:00.000Z');
    // Lobsters title, old Reddit title, GitHub title, Stack Overflow short year.
    expect(parseDateAttr('2020-06-19 11:41:44 -0500')?.iso).toBe('2020-06-19T16:41:44.000Z');
    expect(parseDateAttr('Sat Apr 21 21:36:45 2018 UTC')?.iso).toBe('2018-04-21T21:36:45.000Z');
    expect(parseDateAttr('May 26, 2025, 12:14 AM GMT+2')?.iso).toBe('2025-05-25T22:14:00.000Z');
    expect(at("Nov 13 '09 at 23:18")?.iso).toBe('2009-11-13T23:18:00.000Z');
    expect(parseDateAttr('2009-11-13 23:18:03Z, License: CC BY-SA 2.5')?.iso).toBe('2009-11-13T23:18:03.000Z');
    // XenForo data-time (seconds), NodeBB data-timestamp (milliseconds).
    expect(parseDateAttr('1290336718')?.iso).toBe('2010-11-21T10:51:58.000Z');
    expect(parseDateAttr('1553457251505')?.iso).toBe('2019-03-24T19:54:11.505Z');
    expect(parseDateAttr('2010-11-21')).toEqual({ iso: '2010-11-21T00:00:00.000Z', zoned: true, hasTime: false });
    for (const rel of ['3 hours ago', '4 yr. ago', '17 minutes ago', 'an hour ago', 'yesterday']) {
      expect(isRelativeTime(rel), rel).toBe(true);
      expect(at(rel)?.iso, rel).toBeNull();
    }
    // Sentences that mention a date are not times; nor are counts, clocks alone or impossible dates.
    for (const s of ['I bought it in May 2019 for five dollars and it still works', '12:30', '42', 'Nov 12 at 14:21', '2024-13-45', '2024-02-30', 'Feb 31, 2024', '2024-05-01T25:61:00Z']) {
      expect(at(s)?.iso ?? null, s).toBeNull();
    }
    expect(parseDateAttr('9999999999999999')).toBeNull();
  });
});
