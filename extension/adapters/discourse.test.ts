import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module shared with the browser
import { renderPostHtml } from '../../demo/forum/assets/discourse-demo-app.js';
import { postJson, topicJson } from '../../demo/forum/topic-json';
import { demoPosts } from '../../demo/forum/live-topic.data';
import { DISCOURSE_LIVE_DEMO, DISCOURSE_SAVED, SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { discourseAdapter } from './discourse';
import { pickAdapter } from './index';

const META_URL = 'https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483';
const LIVE_URL = 'http://127.0.0.1:8790/t/weekly-study-group-sql-window-functions/4242';

describe('Discourse adapter on the real saved meta.discourse.org topic (crawler view)', () => {
  const { doc, url } = load(DISCOURSE_SAVED, META_URL);
  const { page, elements } = discourseAdapter.read(doc, url);

  it('is detected by its generator meta tag', () => {
    expect(discourseAdapter.detect(doc, url)).toBe(true);
    expect(pickAdapter(doc, url)?.engine).toBe('discourse');
  });

  it('reads the thread', () => {
    expect(page).toMatchObject({ engine: 'discourse', kind: 'thread', user: null });
    expect(page.thread).toMatchObject({
      id: '12483',
      title: 'Congratulations, most stars in 2013 GitHub Octoverse!',
      url: META_URL,
      category: 'praise',
      author: 'techAPJ',
      createdAt: '2014-02-06T04:55:19.000Z',
    });
  });

  it('reads exactly the two posts with their authors, dates and like counts', () => {
    expect(page.posts.map((p) => [p.id, p.number, p.author, p.authorName, p.createdAt, p.likeCount])).toEqual([
      ['12483-1', 1, 'techAPJ', 'Arpit Jalan', '2014-02-06T04:55:19.000Z', 8],
      ['12483-2', 2, 'codinghorror', 'Jeff Atwood', '2014-02-06T05:27:06.000Z', 1],
    ]);
    expect(page.posts[0]!.authorUrl).toBe('https://meta.discourse.org/u/techAPJ');
    expect(page.posts[0]!.text).toBe(
      'Congratulations Discourse for qualifying Repositories with the most stars on GitHub Octoverse.\nAnd that too in just over an year, way to go!',
    );
    expect(page.posts[1]!.text).toMatch(/^Ah, cool\. I was not sure how to see that/);
  });

  it('anchors each post’s badge to its author block', () => {
    expect([...elements.keys()]).toEqual(['12483-1', '12483-2']);
    for (const el of elements.values()) expect(el.author?.matches('.creator[itemprop="author"]')).toBe(true);
  });

  it('reports, without throwing, that the page’s preloaded JSON is broken', () => {
    expect(page.problems).toHaveLength(1);
    expect(page.problems[0]).toMatch(/#data-preloaded is not valid JSON/);
  });

  it('reads the crawler view from <noscript> text when the browser kept it unparsed', () => {
    // With scripting on, a browser keeps <noscript> content as raw text.
    const { doc: d2 } = load(DISCOURSE_SAVED, META_URL);
    for (const ns of d2.querySelectorAll('noscript')) ns.textContent = ns.innerHTML;
    const r = discourseAdapter.read(d2, url);
    expect(r.page.posts.map((p) => [p.author, p.likeCount])).toEqual([
      ['techAPJ', 8],
      ['codinghorror', 1],
    ]);
    expect(r.elements.size).toBe(0);
    expect(r.page.problems.join('\n')).toContain('<noscript> crawler view');
  });
});

describe('Discourse adapter on the live Ember DOM (reconstructed demo page)', () => {
  const fresh = () => load(DISCOURSE_LIVE_DEMO, LIVE_URL);

  it('reads the first window: ids, numbers, authors, dates, likes and reply-to', () => {
    const { doc, url } = fresh();
    const { page, elements } = discourseAdapter.read(doc, url);
    expect(page.problems).toEqual([]);
    expect(page.user).toEqual({ username: 'mei_demo' });
    expect(page.thread).toMatchObject({ id: '4242', category: '学习小组 Study groups', tags: ['sql', 'study-group'] });
    expect(page.thread?.title).toBe('每周学习小组：SQL 窗口函数 / Weekly study group: SQL window functions');
    const expected = demoPosts.slice(0, 6);
    expect(page.posts.map((p) => [p.id, p.number, p.author, p.createdAt, p.likeCount, p.replyToNumber])).toEqual(
      expected.map((p) => [String(p.id), p.number, p.username, p.createdAt, p.likes, p.replyTo]),
    );
    expect(page.posts[2]!.text).toBe('请问 RANGE 和 ROWS 有什么区别？文档看了好几遍还是不太懂 😅');
    // A quote of another post is not the author's text.
    expect(page.posts[3]!.text).not.toContain('有什么区别');
    for (const p of page.posts) expect(elements.get(p.id)?.author?.matches('.topic-meta-data .names')).toBe(true);
  });

  it('picks up posts rendered later, reading them from the DOM alone', () => {
    const { doc, url } = fresh();
    const t = topicJson();
    const topic = { id: t.id, slug: t.slug, created_by: t.details.created_by.username };
    const stream = doc.querySelector('.post-stream')!;
    for (const p of demoPosts.slice(6)) stream.insertAdjacentHTML('beforeend', renderPostHtml(postJson(p), topic));
    const { page, elements } = discourseAdapter.read(doc, url);
    expect(page.posts).toHaveLength(12);
    expect(elements.size).toBe(12);
    const p9 = page.posts.find((p) => p.number === 9)!;
    expect(p9).toMatchObject({ id: '90109', author: 'alex_k', likeCount: 1, text: '@li_na nice! Could you share the query? I am doing the same for churn.' });
    // Post 11 answers the opening post: the reply tab names its author.
    expect(page.posts.find((p) => p.number === 11)!.replyToUser).toBe('mei_demo');
    // Post 10 answers post 9 directly above: Discourse shows no reply tab then.
    expect(page.posts.find((p) => p.number === 10)!.replyToUser).toBeNull();
  });

  it('keeps a cloaked post (off screen, no article) from the JSON, with nothing to anchor to', () => {
    const { doc, url } = fresh();
    const wrapper = doc.querySelector('[data-post-number="3"]')!;
    wrapper.outerHTML = '<div class="post-stream--cloaked" id="post_3" data-post-number="3" style="height: 240px"></div>';
    const { page, elements } = discourseAdapter.read(doc, url);
    expect(page.posts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(elements.has('90103')).toBe(false);
    expect(page.posts[2]!.text).toContain('RANGE');
  });

  it('skips small actions, placeholders and replies embedded in another post', () => {
    const { doc, url } = fresh();
    const stream = doc.querySelector('.post-stream')!;
    stream.insertAdjacentHTML(
      'beforeend',
      '<article class="small-action" id="post_7" data-post-id="99"></article><article class="placeholder"></article>',
    );
    doc.querySelector('#post_2 .cooked')!.insertAdjacentHTML(
      'afterend',
      '<section class="embedded-posts"><div class="reply" data-post-id="90103"><article data-post-id="90103"></article></div></section>',
    );
    expect(discourseAdapter.read(doc, url).page.posts.map((p) => p.id)).toEqual(demoPosts.slice(0, 6).map((p) => String(p.id)));
  });
});

describe('Discourse adapter robustness', () => {
  it('never throws on truncated pages and reports what it missed', () => {
    const { html } = load(DISCOURSE_LIVE_DEMO, LIVE_URL);
    for (let cut = 0; cut < html.length; cut += Math.ceil(html.length / 25)) {
      const { doc, url } = loadHtml(html.slice(0, cut), LIVE_URL);
      const r = discourseAdapter.read(doc, url);
      expect(Array.isArray(r.page.posts)).toBe(true);
      for (const p of r.page.posts) expect(typeof p.id).toBe('string');
    }
  });

  it('survives nonsense values', () => {
    const { doc, url } = loadHtml(
      `<meta name="generator" content="Discourse 3.1">
       <div id="data-preloaded" data-preloaded='{"currentUser": 5, "topic_7": "[1,2]"}'></div>
       <section id="main"><section id="topic" data-topic-id="7"><div class="topic-post" data-post-number="x">
       <article data-post-id="12"><div class="topic-meta-data"><div class="names"></div>
       <span class="relative-date" data-time="soon"></span></div><div class="cooked"><script>alert(1)</script>hi</div></article>
       </div></section></section>`,
      'https://forum.example/t/7',
    );
    const r = discourseAdapter.read(doc, url);
    expect(r.page.posts).toEqual([
      expect.objectContaining({ id: '12', author: null, createdAt: null, number: null, text: 'hi' }),
    ]);
    expect(r.page.problems).toEqual(expect.arrayContaining([expect.stringContaining('no readable author')]));
  });

  it('recognises no other engine’s page as Discourse', () => {
    const others = ['hackernews', 'reddit_old', 'phpbb', 'nodebb', 'stackexchange', 'lobsters', 'github', 'other'];
    for (const dir of others) {
      for (const f of readdirSync(path.join(SHARED_FORUMS, dir))) {
        const { doc, url } = load(path.join(SHARED_FORUMS, dir, f), 'https://example.org/');
        expect(discourseAdapter.detect(doc, url), `${dir}/${f}`).toBe(false);
        expect(pickAdapter(doc, url)?.engine, `${dir}/${f}`).not.toBe('discourse');
      }
    }
  });
});

describe('Discourse adapter on a topic list (the demo forum’s reconstructed /latest)', () => {
  it('reads each listed topic: id, title, url, category, tags, first poster, replies, views', async () => {
    const { renderLatestPage, crawlerTopicRow } = await import('../../demo/forum/render-pages');
    const { doc, url } = loadHtml(renderLatestPage(crawlerTopicRow), 'http://127.0.0.1:8790/latest');
    expect(discourseAdapter.detect(doc, url)).toBe(true);
    const { page, listingElements } = discourseAdapter.read(doc, url);
    expect(page.kind).toBe('listing');
    expect(page.posts).toEqual([]);
    expect(page.listing.map((t) => t.id)).toEqual(['4246', '4245', '4244', '4243', '4242', '12483']);
    expect(page.listing[0]).toMatchObject({
      title: 'Pandas 还是 SQL？When do you reach for which?',
      url: 'http://127.0.0.1:8790/t/pandas-vs-sql/4246',
      category: '闲聊 Lounge',
      tags: ['python', 'sql'],
      author: 'alex_k',
      replyCount: 0,
      viewCount: 88,
    });
    expect(page.listing.find((t) => t.id === '4242')).toMatchObject({ replyCount: 11, viewCount: 318, tags: ['sql', 'study-group'] });
    expect(listingElements?.get('4244')?.title?.textContent).toBe('Retention analysis with LAG(): share your queries');
  });
});
