import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml, allSavedPages } from '../test/pages';
import type { PostRecord } from './types';
import { xenforoAdapter } from './xenforo';

const SAVED = path.join(SHARED_FORUMS, 'other/xenforo2_thread_2019_nettally.html');
const REAL_URL = 'https://xenforo.com/community/threads/a-dark-theme-option.8276/';


function wellFormed(p: PostRecord) {
  expect(p.id).toMatch(/^\d+$/);
  expect(typeof p.text).toBe('string');
  if (p.createdAt !== null) expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
  if (p.likeCount !== null) expect(p.likeCount).toBeGreaterThanOrEqual(0);
  expect(p.depth).toBe(0);
}

describe('XenForo adapter on the saved xenforo.com thread (XenForo 2.1, guest)', () => {
  for (const address of [REAL_URL, 'https://example.org/']) {
    describe(`at ${address}`, () => {
      const { doc, url } = load(SAVED, address);
      const { page, elements } = xenforoAdapter.read(doc, url);

      it('is detected', () => expect(xenforoAdapter.detect(doc, url)).toBe(true));

      it('reads the thread', () => {
        expect(page).toMatchObject({ engine: 'xenforo', kind: 'thread', user: null, problems: [] });
        // data-content-key="thread-8276"; h1.p-title-value; last breadcrumb; tagItem; "Thread starter"; "Start date".
        expect(page.thread).toMatchObject({
          id: '8276',
          title: 'a dark theme option',
          url: REAL_URL,
          category: 'XenForo suggestions',
          tags: ['design'],
          author: 'dieketzer',
          createdAt: '2010-11-21T10:51:58.000Z',
          replyCount: null,
          viewCount: null,
        });
      });

      it('reads the 8 posts: authors, dates, numbers and reaction counts', () => {
        expect(page.posts).toHaveLength(8);
        page.posts.forEach(wellFormed);
        expect(page.posts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(page.posts.map((p) => p.author)).toEqual(['dieketzer', 'krstep', 'dieketzer', 'anotheralias', 'T3G Silas', 'Azofan', 'AndyB', 'sub_ubi']);
        // "Niro, Dadparvar, siONtI and 12 others" = 15; one name each on #2, #3, #4, #7; empty bars on #5, #6, #8.
        expect(page.posts.map((p) => p.likeCount)).toEqual([15, 1, 1, 1, 0, 0, 1, 0]);
        // <time datetime="2010-11-21T10:51:58+0000" data-time="1290336718">
        expect(page.posts[0]).toMatchObject({
          id: '114210',
          role: 'opening',
          createdAt: '2010-11-21T10:51:58.000Z',
          authorUrl: new URL('/community/members/dieketzer.496/', address).href,
        });
        // <time datetime="2019-06-26T10:25:09+0100" data-time="1561541109">
        expect(page.posts[7]).toMatchObject({ id: '1358710', role: 'reply', createdAt: '2019-06-26T09:25:09.000Z', text: 'i want this added to xenforo.com itself' });
        // "2016-08-21T07:09:15+0100"
        expect(page.posts[5]!.createdAt).toBe('2016-08-21T06:09:15.000Z');
        expect(page.posts.every((p) => p.parentId === null && p.replyToUser === null && p.score === null)).toBe(true);
      });

      it('reads the post text without the select-to-quote filler', () => {
        expect(page.posts[4]!.text).toBe('I think a dark option would be nice to have as well.');
        expect(page.posts[5]!.text).toBe('+1, please do this at some point :/');
        expect(page.posts[0]!.text).toMatch(/^it would be great if by default a dark theme shipped with xenforo\.\nsure, many people/);
        expect(page.posts[0]!.text).toMatch(/it sure would be great to have a dark default to base further dark styles on\.$/);
      });

      it('anchors each post to its name heading', () => {
        expect([...elements.keys()]).toEqual(page.posts.map((p) => p.id));
        for (const [id, el] of elements) {
          expect(el.post.getAttribute('data-content')).toBe(`post-${id}`);
          expect(el.author?.matches('h4.message-name')).toBe(true);
        }
      });
    });
  }

  it('leaves quotes of other posts out and reads the signed-in user', () => {
    const { doc, url } = load(SAVED, REAL_URL);
    doc.documentElement.setAttribute('data-logged-in', 'true');
    doc.querySelector('.p-navgroup--guest')!.outerHTML =
      '<div class="p-navgroup p-account p-navgroup--member"><a href="/community/account/" class="p-navgroup-link p-navgroup-link--iconic p-navgroup-link--user"><span class="avatar avatar--xxs"><img alt="Kier"></span><span class="p-navgroup-linkText">Kier</span></a></div>';
    doc.querySelector('[data-content="post-114243"] .bbWrapper')!.insertAdjacentHTML(
      'afterbegin',
      '<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote" data-quote="dieketzer"><div class="bbCodeBlock-title">dieketzer said:</div><div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">quoted words</div><div class="bbCodeBlock-expandLink"><a>Click to expand...</a></div></div></blockquote>',
    );
    const { page } = xenforoAdapter.read(doc, url);
    expect(page.user).toEqual({ username: 'Kier' });
    expect(page.posts[1]!.text).toMatch(/^I think the theme should stay just as it is\./);
    expect(page.posts[1]!.text).not.toMatch(/quoted words|said:|Click to expand/);
    expect(page.posts[1]!.replyToUser).toBeNull();
  });
});

// Reconstructed from XenForo 2's forum_view / thread_list_macros markup (structItem), not a saved page.
const XF_FORUM = `<!DOCTYPE html><html id="XF" data-app="public" data-template="forum_view" data-logged-in="false"><body>
<div class="structItemContainer-group js-threadList">
<div class="structItem structItem--thread js-inlineModContainer js-threadListItem-8276" data-author="dieketzer">
 <div class="structItem-cell structItem-cell--main"><div class="structItem-title">
  <a href="/community/forums/xenforo-suggestions.18/?prefix_id=3" class="labelLink"><span class="label">Idea</span></a>
  <a href="/community/threads/a-dark-theme-option.8276/" data-tp-primary="on">a dark theme option</a></div>
  <div class="structItem-minor"><ul class="structItem-parts"><li><a href="/community/members/dieketzer.496/" class="username">dieketzer</a></li>
  <li class="structItem-startDate"><a href="/community/threads/a-dark-theme-option.8276/"><time class="u-dt" datetime="2010-11-21T10:51:58+0000" data-time="1290336718">Nov 21, 2010</time></a></li></ul></div></div>
 <div class="structItem-cell structItem-cell--meta"><dl class="pairs pairs--justified"><dt>Replies</dt><dd>7</dd></dl>
  <dl class="pairs pairs--justified structItem-minor"><dt>Views</dt><dd>2K</dd></dl></div>
 <div class="structItem-cell structItem-cell--latest"><a href="/community/threads/a-dark-theme-option.8276/latest"><time class="u-dt" datetime="2019-06-26T10:25:09+0100">Jun 26, 2019</time></a></div>
</div>
<div class="structItem structItem--thread" data-author="">
 <div class="structItem-title"><a href="/community/threads/no-author.99/">No author</a></div>
</div></div>
<div class="p-footer-copyright">Forum software by XenForo® © 2010-2019 XenForo Ltd.</div></body></html>`;

describe('XenForo adapter on a forum view (reconstructed)', () => {
  it('reads the thread list', () => {
    const { doc, url } = loadHtml(XF_FORUM, 'https://xenforo.com/community/forums/xenforo-suggestions.18/');
    expect(xenforoAdapter.detect(doc, url)).toBe(true);
    const { page, listingElements } = xenforoAdapter.read(doc, url);
    expect(page.kind).toBe('listing');
    expect(page.listing.map((t) => [t.id, t.title, t.url, t.author, t.createdAt, t.replyCount, t.viewCount])).toEqual([
      ['8276', 'a dark theme option', REAL_URL, 'dieketzer', '2010-11-21T10:51:58.000Z', 7, 2000],
      ['99', 'No author', 'https://xenforo.com/community/threads/no-author.99/', null, null, null, null],
    ]);
    expect(listingElements?.get('8276')?.title?.textContent).toBe('a dark theme option');
  });
});

describe('XenForo adapter robustness', () => {
  it('is detected on XenForo pages only', () => {
    for (const { file, engine } of allSavedPages()) {
      const { doc } = load(file, 'https://example.org/');
      for (const address of ['https://example.org/', 'https://example.org/threads/x.1/']) {
        expect(xenforoAdapter.detect(doc, new URL(address)), `${path.basename(file)} at ${address}`).toBe(engine === 'xenforo');
      }
    }
  }, 120_000);

  it('never throws on truncated pages and returns only well-formed posts', () => {
    const { html } = load(SAVED, REAL_URL);
    const step = Math.ceil(html.length / 25);
    for (let cut = 0; cut <= html.length; cut += step) {
      const { doc, url } = loadHtml(html.slice(0, cut), REAL_URL);
      const r = xenforoAdapter.read(doc, url);
      expect(r.page.posts.length).toBeLessThanOrEqual(8);
      for (const p of r.page.posts) {
        wellFormed(p);
        expect(r.elements.get(p.id)?.post.getAttribute('data-content')).toBe(`post-${p.id}`);
      }
    }
  }, 60_000);

  it('reads XenForo 2.3 times (data-timestamp; data-time is a clock string there)', () => {
    const { doc, url } = loadHtml(
      `<html id="XF" data-template="thread_view" data-content-key="thread-3"><body>
       <article class="message message--post" data-content="post-7" data-author="amy">
         <header class="message-attribution"><time class="u-dt" data-timestamp="1601471149" data-time="2:05 PM">Sep 30, 2020</time></header>
         <div class="message-body"><div class="bbWrapper">hi</div></div></article></body></html>`,
      'https://forum.example/threads/t.3/',
    );
    expect(xenforoAdapter.read(doc, url).page.posts[0]).toMatchObject({ id: '7', author: 'amy', createdAt: '2020-09-30T13:05:49.000Z', text: 'hi' });
  });

  it('survives posts without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<html id="XF" data-template="thread_view" data-content-key="thread-x"><body>
       <article class="message message--post" data-content="post-"></article>
       <article class="message message--post" data-content="post-5" data-author="">
         <header class="message-attribution"><time class="u-dt" datetime="yesterday" data-time="-4"></time>
         <ul class="message-attribution-opposite"><li><a>#x</a></li></ul></header>
         <article class="message-body"><div class="bbWrapper"><blockquote class="bbCodeBlock--quote">q</blockquote></div></article>
         <div class="reactionsBar"><a class="reactionsBar-link">and lots of others</a></div></article>
       <article class="message message--post" data-content="post-6"><div class="message-body"><div class="bbWrapper">words<script>x()</script></div></div></article>
       <article class="message message--post" data-content="post-6"></article>
       </body></html>`,
      'https://forum.example/',
    );
    expect(xenforoAdapter.detect(doc, url)).toBe(true);
    const r = xenforoAdapter.read(doc, url);
    expect(r.page.posts.map((p) => [p.id, p.number, p.author, p.createdAt, p.text, p.likeCount])).toEqual([
      ['5', null, null, null, '', 0],
      ['6', null, null, null, 'words', null],
    ]);
    expect(r.page.thread).toBeNull();
    expect(r.page.problems).toEqual(
      expect.arrayContaining(['xenforo: post 5 has no readable author', 'xenforo: post 6 has no readable date', 'xenforo: no thread id on the page']),
    );
  });
});
