import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml, allSavedPages } from '../test/pages';
import { nodebbAdapter } from './nodebb';
import { unescapeJsString } from './nodebb/script-json';
import type { PostRecord } from './types';

const DIR = path.join(SHARED_FORUMS, 'nodebb');
const OLD = path.join(DIR, 'nodebb_topic_2019_nettally.html');
const OLD_URL = 'https://community.nodebb.org/topic/13803/new-desing-for-nodebb-chat/6';
const V4 = path.join(DIR, 'nodebb4_topic_en_guest_live.html');
const V4_URL = 'http://127.0.0.1:4567/topic/2/upgrading-to-nodebb-4-was-surprisingly-smooth';
const RECENT = path.join(DIR, 'nodebb4_recent_live.html');
const RECENT_URL = 'http://127.0.0.1:4567/recent';


function wellFormed(p: PostRecord) {
  expect(p.id).toMatch(/^\d+$/);
  expect(typeof p.text).toBe('string');
  if (p.createdAt !== null) expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
  if (p.number !== null) expect(p.number).toBeGreaterThan(0);
  expect(p.depth).toBe(0);
}

describe('NodeBB adapter on the saved community.nodebb.org topic (NodeBB 1.x, persona)', () => {
  for (const address of [OLD_URL, 'https://example.org/']) {
    describe(`at ${address}`, () => {
      const { doc, url } = load(OLD, address);
      const { page, elements } = nodebbAdapter.read(doc, url);

      it('is detected', () => expect(nodebbAdapter.detect(doc, url)).toBe(true));

      it('reads the topic', () => {
        expect(page).toMatchObject({ engine: 'nodebb', kind: 'thread', user: null, problems: [] });
        // data-tid="13803"; <span component="topic/title">; breadcrumb; ajaxify-data postcount 13,
        // viewcount 1041, votes 11; canonical link.
        expect(page.thread).toMatchObject({
          id: '13803',
          title: 'New desing for NodeBB chat!',
          url: 'https://community.nodebb.org/topic/13803/new-desing-for-nodebb-chat',
          category: 'General Discussion',
          tags: [],
          author: 'youhosi',
          createdAt: '2019-03-24T19:54:11.505Z',
          replyCount: 12,
          viewCount: 1041,
          score: 11,
        });
      });

      it('reads the 13 posts with authors, dates and net votes', () => {
        expect(page.posts).toHaveLength(13);
        page.posts.forEach(wellFormed);
        expect(page.posts.map((p) => p.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
        // data-votes in document order.
        expect(page.posts.map((p) => p.score)).toEqual([11, 0, 0, 4, 1, 5, 2, 0, 1, 0, 0, 0, 1]);
        expect(page.posts.every((p) => p.likeCount === null)).toBe(true);
        // data-pid 73812, data-username youhosi, data-timestamp 1553457251505.
        expect(page.posts[0]).toMatchObject({
          id: '73812',
          author: 'youhosi',
          createdAt: '2019-03-24T19:54:11.505Z',
          role: 'opening',
          authorUrl: new URL('/user/youhosi', address).href,
        });
        // data-pid 74301, tonylee123321, 1557122840657.
        expect(page.posts[12]).toMatchObject({ id: '74301', author: 'tonylee123321', createdAt: '2019-05-06T06:07:20.657Z', role: 'reply' });
        const by = (n: string) => page.posts.filter((p) => p.author === n).length;
        expect([by('youhosi'), by('scottalanmiller'), by('arranka'), by('MJ')]).toEqual([3, 3, 3, 1]);
      });

      it('reads the reply chips as parent links; the stream itself is flat', () => {
        expect(page.posts.every((p) => p.depth === 0)).toBe(true);
        // <a component="post/parent" data-topid="…">@name</a> on four posts.
        expect(page.posts.filter((p) => p.parentId).map((p) => [p.id, p.parentId, p.replyToUser, p.replyToNumber])).toEqual([
          ['73817', '73814', 'MJ', 2],
          ['73868', '73864', 'scottalanmiller', 7],
          ['73869', '73868', 'arranka', 8],
          ['73898', '73887', 'JJSagan', 10],
        ]);
      });

      it('leaves quotes and their "@user said in …:" line out of the text', () => {
        expect(page.posts[0]!.text).toBe(
          'What do you think about this chat for NodeBB?\nThe look is not finished yet! If you have any suggestions on the subject!',
        );
        const quoting = page.posts.find((p) => p.id === '73817')!;
        expect(quoting.text).toBe(
          'This is what it looks like on a mobile device\nhttps://streamable.com/nyikz\n(The quality is bad after adding the video for hosting.)\n@fgallese Rather, there is no point in showing more because the chat is not finished',
        );
      });

      it('anchors each post to its author name', () => {
        expect([...elements.keys()]).toEqual(page.posts.map((p) => p.id));
        for (const [id, el] of elements) {
          expect(el.post.getAttribute('data-pid')).toBe(id);
          expect(el.author?.tagName).toBe('STRONG');
          expect(el.author?.querySelector('a[itemprop="author"]')).not.toBeNull();
        }
      });
    });
  }

  it('keeps a post the DOM no longer has (scrolled away) from the page JSON, with nothing to anchor to', () => {
    const { doc, url } = load(OLD, OLD_URL);
    doc.querySelector('[data-pid="73816"]')!.remove();
    const { page, elements } = nodebbAdapter.read(doc, url);
    expect(page.posts).toHaveLength(13);
    expect(elements.has('73816')).toBe(false);
    expect(page.posts[2]).toMatchObject({
      id: '73816',
      number: 3,
      author: 'fgallese',
      createdAt: '2019-03-25T09:31:14.663Z',
      score: 0,
      text: 'great work ! can you please show how it looks when more people are on the chat room ?',
    });
  });

  it('does not read replies expanded inside their parent a second time', () => {
    const { doc, url } = load(OLD, OLD_URL);
    const reply = doc.querySelector('[data-pid="73817"]')!.cloneNode(true);
    const box = doc.createElement('div');
    box.setAttribute('component', 'post/replies/container');
    box.append(reply);
    doc.querySelector('[data-pid="73814"] [component="post/content"]')!.after(box);
    const { page, elements } = nodebbAdapter.read(doc, url);
    expect(page.posts).toHaveLength(13);
    expect(elements.get('73817')!.post.parentElement?.getAttribute('component')).toBe('topic');
    expect(page.posts[1]!.text).not.toContain('mobile device');
  });
});

describe('NodeBB adapter on the NodeBB 4.15 topic (harmony, rendered in Chromium, guest)', () => {
  const { doc, url } = load(V4, V4_URL);
  const { page, elements } = nodebbAdapter.read(doc, url);

  it('reads the topic', () => {
    expect(nodebbAdapter.detect(doc, url)).toBe(true);
    expect(page).toMatchObject({ engine: 'nodebb', kind: 'thread', user: null, problems: [] });
    // topic/title, topic/category badge, topic/tags data-tag, topic/post-count title="5", views title="4".
    expect(page.thread).toMatchObject({
      id: '2',
      title: 'Upgrading to NodeBB 4 was surprisingly smooth',
      url: V4_URL,
      category: 'General Discussion',
      tags: ['upgrade', 'feedback'],
      author: 'alice',
      createdAt: '2026-11-25T04:52:25.252Z',
      replyCount: 4,
      viewCount: 4,
      score: 2,
    });
  });

  it('reads the five posts with signed vote counts and the reply to admin', () => {
    page.posts.forEach(wellFormed);
    expect(page.posts.map((p) => [p.id, p.number, p.author, p.createdAt, p.score, p.parentId, p.replyToUser, p.replyToNumber])).toEqual([
      ['2', 1, 'alice', '2026-11-25T04:52:25.252Z', 2, null, null, null],
      ['3', 2, 'bob', '2026-11-25T04:52:25.337Z', 1, null, null, null],
      ['4', 3, '李华', '2026-11-25T04:52:25.392Z', 1, null, null, null],
      ['5', 4, 'admin', '2026-11-25T04:52:25.419Z', -1, null, null, null],
      ['6', 5, 'bob', '2026-11-25T04:52:25.444Z', 0, '5', 'admin', 4],
    ]);
    expect(page.posts.map((p) => p.role)).toEqual(['opening', 'reply', 'reply', 'reply', 'reply']);
    expect(page.posts[2]!.authorUrl).toBe('http://127.0.0.1:4567/user/%E6%9D%8E%E5%8D%8E');
    // The parent chip's excerpt of admin's post is not part of bob's reply.
    expect(page.posts[4]!.text).toBe(
      '@admin that sounds awful, sorry. Did you clear the cache? The docs on this are confusing and badly outdated, which is frustrating.',
    );
    expect(page.posts[0]!.text).toMatch(/^I just upgraded our community forum and everything worked on the first try\./);
  });

  it('anchors each post to the block holding the author link', () => {
    for (const [id, el] of elements) {
      expect(el.post.getAttribute('data-pid')).toBe(id);
      expect(el.author?.querySelector(':scope > a[data-username]')?.getAttribute('data-username')).toBe(el.post.getAttribute('data-username'));
    }
    expect(elements.size).toBe(5);
  });

  it('reads the signed-in user from app.user without running the page', () => {
    const { doc: d2, url: u2 } = load(V4, V4_URL);
    const script = [...d2.querySelectorAll('script')].find((s) => s.textContent?.includes('user: JSON.parse('))!;
    script.textContent = script.textContent!.replace(
      /user: JSON\.parse\('(?:[^'\\]|\\.)*'\)/,
      `user: JSON.parse('{"uid":7,"username":"o\\'brien \\u00e9","userslug":"obrien"}')`,
    );
    expect(nodebbAdapter.read(d2, u2).page.user).toEqual({ username: "o'brien é" });
  });

  it('falls back to the header when the page has no readable JSON', () => {
    const { doc: d2, url: u2 } = load(V4, V4_URL);
    for (const s of d2.querySelectorAll('script')) if (s.textContent?.includes('JSON.parse(')) s.remove();
    d2.body.insertAdjacentHTML('afterbegin', '<li id="user_label" title="carol"><span id="user-header-name">carol</span></li>');
    expect(nodebbAdapter.read(d2, u2).page.user).toEqual({ username: 'carol' });
  });
});

describe('NodeBB adapter on the NodeBB 4 "recent" list', () => {
  const { doc, url } = load(RECENT, RECENT_URL);
  const { page, listingElements } = nodebbAdapter.read(doc, url);

  it('reads the listed topics', () => {
    expect(nodebbAdapter.detect(doc, url)).toBe(true);
    expect(page).toMatchObject({ engine: 'nodebb', kind: 'listing', thread: null, posts: [], user: null, problems: [] });
    // data-tid, topic/header link, first avatar title, the topic's own timeago, stats-* title attributes.
    expect(page.listing.map((t) => [t.id, t.title, t.author, t.createdAt, t.replyCount, t.viewCount, t.score, t.category])).toEqual([
      ['4', 'Search is broken again', 'bob', '2026-11-25T04:52:25.564Z', 3, 0, 0, 'Comments & Feedback'],
      ['3', '大家觉得新版论坛怎么样？', '李华', '2026-11-25T04:52:25.476Z', 3, 4, 0, 'General Discussion'],
      ['2', 'Upgrading to NodeBB 4 was surprisingly smooth', 'alice', '2026-11-25T04:52:25.252Z', 4, 5, 2, 'General Discussion'],
      ['1', 'Welcome to your NodeBB!', 'admin', '2026-11-25T04:49:08.376Z', 0, 0, 0, 'General Discussion'],
    ]);
    expect(page.listing[0]!.url).toBe('http://127.0.0.1:4567/topic/4/search-is-broken-again');
    expect(page.listing[0]!.tags).toEqual(['bug']);
    expect([...listingElements!.keys()]).toEqual(['4', '3', '2', '1']);
    expect(listingElements!.get('2')!.title?.textContent).toBe('Upgrading to NodeBB 4 was surprisingly smooth');
  });
});

describe('NodeBB adapter robustness', () => {
  it('unescapes JS string literals as the browser would', () => {
    expect(unescapeJsString(String.raw`a\'b\\c\u00e9\x41\n\/`)).toBe("a'b\\céA\n/");
  });

  it('is detected on NodeBB pages only', () => {
    for (const { file, engine } of allSavedPages()) {
      const { doc } = load(file, 'https://example.org/');
      for (const address of ['https://example.org/', 'https://example.org/topic/1/x']) {
        expect(nodebbAdapter.detect(doc, new URL(address)), `${path.basename(file)} at ${address}`).toBe(engine === 'nodebb');
      }
    }
  }, 120_000);

  it('never throws on truncated pages and returns only well-formed posts', () => {
    for (const [file, address, max] of [
      [OLD, OLD_URL, 13],
      [V4, V4_URL, 5],
      [RECENT, RECENT_URL, 0],
    ] as const) {
      const { html } = load(file, address);
      const step = Math.ceil(html.length / 25);
      for (let cut = 0; cut <= html.length; cut += step) {
        const { doc, url } = loadHtml(html.slice(0, cut), address);
        const r = nodebbAdapter.read(doc, url);
        expect(r.page.posts.length).toBeLessThanOrEqual(max);
        for (const p of r.page.posts) wellFormed(p);
        for (const t of r.page.listing) expect(t.id).toMatch(/^\d+$/);
      }
    }
  }, 60_000);

  it('survives posts without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<script>var config = JSON.parse('{"loggedIn":true'); var app = { user: JSON.parse('not json') };</script>
       <script id="ajaxify-data" type="application/json">{"tid": 9, "posts": [null, {"pid": {}}, {"pid": 12, "user": 5, "timestamp": "x"}]}</script>
       <ul component="topic" data-tid="9">
         <li component="post" data-pid="" data-index="0"></li>
         <li component="post" data-pid="10" data-index="-1" data-timestamp="soon" data-username="">
           <div component="post/content"><blockquote>only a quote</blockquote></div>
           <span component="post/vote-count" data-votes="many"></span>
           <div component="post/parent" data-parent-pid=""></div></li>
         <li component="post" data-pid="11" data-index="1" data-timestamp="1700000000000"><div component="post/content">ok</div></li>
       </ul>`,
      'https://forum.example/topic/9',
    );
    expect(nodebbAdapter.detect(doc, url)).toBe(true);
    const r = nodebbAdapter.read(doc, url);
    expect(r.page.posts.map((p) => [p.id, p.number, p.author, p.createdAt, p.score, p.parentId, p.text])).toEqual([
      ['11', 2, null, '2023-11-14T22:13:20.000Z', null, null, 'ok'],
      ['10', null, null, null, null, null, ''],
      ['12', null, null, null, null, null, ''],
    ]);
    expect(r.page.user).toBeNull();
    expect(r.page.problems).toEqual(
      expect.arrayContaining(['nodebb: post 10 has no readable author', "nodebb: the page's user JSON is not valid", "nodebb: the page's config JSON is not valid"]),
    );
  });
});
