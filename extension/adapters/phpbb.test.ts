import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml, allSavedPages } from '../test/pages';
import { phpbbAdapter } from './phpbb';
import { footerOffsetMinutes, parsePhpbbDate } from './phpbb/dates';
import type { PostRecord } from './types';

const SAVED = path.join(SHARED_FORUMS, 'phpbb/phpbb_viewtopic_2019_nettally.html');
const REAL_URL = 'http://ilovephilosophy.com/viewtopic.php?f=1&t=194998&start=25';

/** Every saved page the team shares, and the demo pages, with the engine each one is. */

function wellFormed(p: PostRecord) {
  expect(p.id).toMatch(/^\d+$/);
  expect(typeof p.text).toBe('string');
  if (p.createdAt !== null) expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
  expect(p.depth).toBe(0);
  expect(['opening', 'reply']).toContain(p.role);
}

describe('phpBB adapter on the saved ilovephilosophy.com topic (phpBB 3.0 prosilver, page 2 of 10)', () => {
  for (const address of [REAL_URL, 'https://example.org/']) {
    describe(`at ${address}`, () => {
      const { doc, url } = load(SAVED, address);
      const { page, elements } = phpbbAdapter.read(doc, url);

      it('is detected', () => expect(phpbbAdapter.detect(doc, url)).toBe(true));

      it('reads the topic: id, title, forum, post total', () => {
        expect(page).toMatchObject({ engine: 'phpbb', kind: 'thread', user: null, problems: [] });
        // <h2><a href="./viewtopic.php?f=1&t=194998&start=25">Biological Will</a></h2>; breadcrumb
        // "Board index ‹ Philosophy Forums ‹ Philosophy"; pagination "247 posts".
        expect(page.thread).toMatchObject({
          id: '194998',
          title: 'Biological Will',
          category: 'Philosophy',
          replyCount: 246,
          tags: [],
          // Page 2: the opening post is not on this page.
          author: null,
          createdAt: null,
        });
        expect(page.thread!.url).toBe(new URL('./viewtopic.php?f=1&t=194998', address).href);
      });

      it('reads exactly the 25 posts, flat, numbered from 26 (start=25, oldest first)', () => {
        expect(page.posts).toHaveLength(25);
        expect(page.posts.map((p) => p.number)).toEqual(Array.from({ length: 25 }, (_, i) => 26 + i));
        for (const p of page.posts) {
          wellFormed(p);
          expect(p).toMatchObject({ depth: 0, parentId: null, replyToUser: null, replyToNumber: null, role: 'reply', likeCount: null, score: null });
        }
        // Counted in the file: 12 by Jakob, 4 each by Artimas, Urwrongx1000, promethean75, 1 by Silhouette.
        const by = (name: string) => page.posts.filter((p) => p.author === name).length;
        expect([by('Jakob'), by('Artimas'), by('Urwrongx1000'), by('promethean75'), by('Silhouette')]).toEqual([12, 4, 4, 4, 1]);
      });

      it('reads the first and the last post (times shown "UTC [ DST ]", i.e. UTC+1)', () => {
        const first = page.posts[0]!;
        const last = page.posts[24]!;
        // "by Jakob » Sun May 26, 2019 4:34 pm"
        expect(first).toMatchObject({
          id: '2729870',
          author: 'Jakob',
          createdAt: '2019-05-26T15:34:00.000Z',
          authorUrl: new URL('./memberlist.php?mode=viewprofile&u=5996', address).href,
        });
        // "by promethean75 » Sat Jun 01, 2019 7:20 pm"
        expect(last).toMatchObject({ id: '2730442', author: 'promethean75', createdAt: '2019-06-01T18:20:00.000Z' });
        // Its quote of Meno's words is left out.
        expect(last.text).toBe("Ohhhh no you don't.");
        // "Fri May 31, 2019 7:29 pm" across midnight-free days; "Sat Jun 01, 2019 1:09 am" is 00:09 UTC.
        expect(page.posts.find((p) => p.author === 'Silhouette')!.createdAt).toBe('2019-05-31T18:29:00.000Z');
        expect(page.posts[20]!.createdAt).toBe('2019-06-01T00:09:00.000Z');
      });

      it('leaves quotes, signatures and edit notices out of the text', () => {
        const first = page.posts[0]!;
        expect(first.text).toMatch(/^Good lecture\. Believe me I know the clown part\./);
        expect(first.text).not.toContain('For behold'); // signature
        const quoting = page.posts.find((p) => p.id === '2729876')!; // quotes "Urwrongx1000 wrote:"
        expect(quoting.text).toMatch(/^But then if non living things are excluded, do the examples of fire,/);
        expect(quoting.text).not.toContain('wrote:');
        expect(quoting.replyToUser).toBeNull();
        const uncited = page.posts.find((p) => p.id === '2729875')!; // starts with an uncited quote of a link
        expect(uncited.text).toMatch(/^Well I think we can get a long way/);
        expect(uncited.text).not.toContain('vocaroo');
        expect(page.posts.find((p) => p.id === '2729877')!.text).not.toContain('Last edited by');
      });

      it('anchors each post to its byline name', () => {
        expect([...elements.keys()]).toEqual(page.posts.map((p) => p.id));
        for (const [id, el] of elements) {
          expect(el.post.id).toBe(`p${id}`);
          expect(el.author?.tagName).toBe('STRONG');
          expect(el.author?.closest('p.author')).not.toBeNull();
        }
        expect(elements.get('2729870')!.author!.textContent).toBe('Jakob');
      });
    });
  }

  it('reads the opening post as such on page 1 (start=0)', () => {
    const { doc, url } = load(SAVED, 'http://ilovephilosophy.com/viewtopic.php?f=1&t=194998');
    // Rewrite the page-2 markers so the same posts appear as page 1.
    doc.querySelector('#page-body h2 a')!.setAttribute('href', './viewtopic.php?f=1&t=194998');
    for (const s of doc.querySelectorAll('.pagination > a > strong:first-child')) s.textContent = '1';
    const { page } = phpbbAdapter.read(doc, url);
    expect(page.posts[0]).toMatchObject({ number: 1, role: 'opening' });
    expect(page.posts[1]).toMatchObject({ number: 2, role: 'reply' });
    expect(page.thread).toMatchObject({ author: 'Jakob', createdAt: '2019-05-26T15:34:00.000Z' });
  });

  it('does not number posts when the reader sorted them newest first', () => {
    const { doc, url } = load(SAVED, REAL_URL);
    doc.querySelector('select#sd option[value="a"]')!.removeAttribute('selected');
    doc.querySelector('select#sd option[value="d"]')!.setAttribute('selected', 'selected');
    const { page } = phpbbAdapter.read(doc, url);
    expect(page.posts.every((p) => p.number === null && p.role === 'reply')).toBe(true);
  });

  it('reads the signed-in user from phpBB 3.0’s "Logout [ name ]" link', () => {
    const { doc, url } = load(SAVED, REAL_URL);
    doc.querySelector('li.icon-logout a')!.outerHTML = '<a href="./ucp.php?mode=logout&amp;sid=abc" title="Logout [ Karpel Tunnel ]">Logout [ Karpel Tunnel ]</a>';
    expect(phpbbAdapter.read(doc, url).page.user).toEqual({ username: 'Karpel Tunnel' });
  });
});

describe('phpBB dates', () => {
  it('parses the default and common date formats', () => {
    expect(parsePhpbbDate('Sun May 26, 2019 4:34 pm', 0)).toBe('2019-05-26T16:34:00.000Z');
    expect(parsePhpbbDate('Sat Jun 01, 2019 12:09 am', 60)).toBe('2019-05-31T23:09:00.000Z');
    expect(parsePhpbbDate('Mon Dec 02, 2019 12:30 pm', -300)).toBe('2019-12-02T17:30:00.000Z');
    expect(parsePhpbbDate('26 May 2019, 16:34', 120)).toBe('2019-05-26T14:34:00.000Z');
    expect(parsePhpbbDate('May 26th, 2019, 4:34 pm', 0)).toBe('2019-05-26T16:34:00.000Z');
    for (const bad of ['', 'Today, 4:34 pm', 'Foo 26, 2019 4:34 pm', 'May 26, 2019 13:34 pm', 'May 26, 2019 25:00']) {
      expect(parsePhpbbDate(bad, 0), bad).toBeNull();
    }
  });

  it('reads the zone the footer names', () => {
    const footer = (text: string) => loadHtml(`<div id="page-footer"><ul><li>${text}</li></ul></div>`, 'https://f.example/').doc;
    expect(footerOffsetMinutes(footer('All times are UTC [ <abbr title="Daylight Saving Time">DST</abbr> ]'))).toBe(60);
    expect(footerOffsetMinutes(footer('All times are UTC - 5 hours'))).toBe(-300);
    expect(footerOffsetMinutes(footer('All times are UTC + 5:30 hours [ DST ]'))).toBe(390);
    expect(footerOffsetMinutes(footer('All times are <span title="Europe/Berlin">UTC+01:00</span>'))).toBe(60);
    expect(footerOffsetMinutes(footer('All times are UTC'))).toBe(0);
    expect(footerOffsetMinutes(footer('Delete cookies'))).toBeNull();
  });
});

// Reconstructed from phpBB 3.3 prosilver's templates (phpbb/phpbb, styles/prosilver/template/
// viewtopic_body.html, viewforum_body.html, overall_header.html), not from a saved page.
const PHPBB33_TOPIC = `<!DOCTYPE html><html><head><title>Test topic - Example board</title>
<link rel="canonical" href="https://board.example/viewtopic.php?t=42"></head>
<body id="phpbb" class="nojs notouch section-viewtopic ltr">
<div id="page-header"><ul id="nav-main"><li id="username_logged_in" class="rightside"><div class="header-profile dropdown-container">
<a href="./ucp.php" class="header-avatar dropdown-trigger"><span class="username-coloured" style="color:#AA0000">Moderator Mo</span></a></div></li></ul>
<ul id="nav-breadcrumbs"><li class="breadcrumbs"><span class="crumb"><a href="./index.php">Board index</a></span>
<span class="crumb" data-forum-id="2"><a href="./viewforum.php?f=2">General</a></span></li></ul></div>
<div id="page-body"><h2 class="topic-title"><a href="./viewtopic.php?t=42">Test topic</a></h2>
<div class="action-bar"><div class="pagination">2 posts &bull; Page <strong>1</strong> of <strong>1</strong></div></div>
<div id="p100" class="post has-profile bg2"><div class="inner">
<dl class="postprofile" id="profile100"><dt class="has-profile-rank"><a href="./memberlist.php?mode=viewprofile&amp;u=2&amp;sid=123" class="username">alice</a></dt></dl>
<div class="postbody"><div id="post_content100"><h3 class="first"><a href="#p100">Test topic</a></h3>
<p class="author"><a class="unread" href="./viewtopic.php?p=100#p100" title="Post"><i class="icon fa-file fa-fw"></i></a>
<span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=2&amp;sid=123" class="username">alice</a></strong> &raquo; </span>
<time datetime="2024-03-01T09:15:00+00:00">Fri Mar 01, 2024 10:15 am</time></p>
<div class="content">Hello <strong>board</strong>.<br>Second line.</div>
<div id="sig100" class="signature">alice's sig</div></div></div></div></div>
<div id="p101" class="post has-profile bg1"><div class="inner"><div class="postbody"><div id="post_content101">
<p class="author"><span class="responsive-hide">by <strong><span class="username">Guest poster</span></strong> &raquo; </span>
<time datetime="2024-03-01T10:00:00+00:00">Fri Mar 01, 2024 11:00 am</time></p>
<div class="content"><blockquote cite="./viewtopic.php?p=100#p100"><div><cite><a href="./memberlist.php?mode=viewprofile&amp;u=2">alice</a> wrote: </cite>Hello board.</div></blockquote>Hi alice!</div>
</div></div></div></div>
</div>
<div id="page-footer"><div class="copyright">Powered by <a href="https://www.phpbb.com/">phpBB</a>&reg; Forum Software &copy; phpBB Limited</div>
<p>All times are <span title="Europe/Berlin">UTC+01:00</span></p></div></body></html>`;

const PHPBB33_FORUM = `<!DOCTYPE html><html><body id="phpbb" class="section-viewforum ltr"><div id="page-body">
<h2 class="forum-title"><a href="./viewforum.php?f=2">General</a></h2>
<div class="forumbg"><ul class="topiclist topics">
<li class="row bg1"><dl class="row-item topic_read"><dt title="No unread posts"><div class="list-inner">
<a href="./viewtopic.php?t=42&amp;sid=9" class="topictitle">Test topic</a><br>
<div class="topic-poster responsive-hide left-box">by <a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">alice</a> &raquo; <time datetime="2024-03-01T09:15:00+00:00">Fri Mar 01, 2024 10:15 am</time></div>
<div class="responsive-show" style="display: none;">Last post by <a href="./memberlist.php?mode=viewprofile&amp;u=3" class="username">bob</a> &laquo; Fri Mar 01, 2024 11:00 am</div>
</div></dt>
<dd class="posts">1 <dfn>Replies</dfn></dd><dd class="views">1,204 <dfn>Views</dfn></dd>
<dd class="lastpost"><span><dfn>Last post </dfn>by <a href="./memberlist.php?mode=viewprofile&amp;u=3" class="username">bob</a></span></dd></dl></li>
<li class="row bg2"><dl class="row-item topic_read"><dt><div class="list-inner">
<a href="./viewtopic.php?f=2&amp;t=43" class="topictitle">Old topic</a><br>
by <a href="./memberlist.php?mode=viewprofile&amp;u=4" style="color: #00AA00;" class="username-coloured">carol</a> &raquo; Sun May 26, 2019 4:34 pm</div></dt>
<dd class="posts">0 <dfn>Replies</dfn></dd><dd class="views">7 <dfn>Views</dfn></dd></dl></li>
</ul></div></div>
<div id="page-footer"><p>All times are <span>UTC</span></p><div class="copyright">Powered by phpBB</div></div></body></html>`;

describe('phpBB adapter on phpBB 3.3 markup (reconstructed from the templates)', () => {
  it('reads <time datetime>, a.username, guests, the signed-in user and quotes', () => {
    const { doc, url } = loadHtml(PHPBB33_TOPIC, 'https://board.example/viewtopic.php?p=100');
    expect(phpbbAdapter.detect(doc, url)).toBe(true);
    const { page, elements } = phpbbAdapter.read(doc, url);
    expect(page.problems).toEqual([]);
    expect(page.user).toEqual({ username: 'Moderator Mo' });
    expect(page.thread).toMatchObject({ id: '42', title: 'Test topic', category: 'General', replyCount: 1, author: 'alice', url: 'https://board.example/viewtopic.php?t=42' });
    expect(page.posts.map((p) => [p.id, p.number, p.role, p.author, p.createdAt, p.text])).toEqual([
      ['100', 1, 'opening', 'alice', '2024-03-01T09:15:00.000Z', 'Hello board.\nSecond line.'],
      ['101', 2, 'reply', 'Guest poster', '2024-03-01T10:00:00.000Z', 'Hi alice!'],
    ]);
    // The session id is dropped from profile links.
    expect(page.posts[0]!.authorUrl).toBe('https://board.example/memberlist.php?mode=viewprofile&u=2');
    expect(page.posts[1]!.authorUrl).toBeNull();
    expect(elements.get('100')!.author!.textContent).toBe('alice');
  });

  it('reads a forum’s topic list as a listing', () => {
    const { doc, url } = loadHtml(PHPBB33_FORUM, 'https://board.example/viewforum.php?f=2');
    expect(phpbbAdapter.detect(doc, url)).toBe(true);
    const { page, listingElements } = phpbbAdapter.read(doc, url);
    expect(page.kind).toBe('listing');
    expect(page.posts).toEqual([]);
    expect(page.listing.map((t) => [t.id, t.title, t.url, t.author, t.createdAt, t.replyCount, t.viewCount])).toEqual([
      ['42', 'Test topic', 'https://board.example/viewtopic.php?t=42', 'alice', '2024-03-01T09:15:00.000Z', 1, 1204],
      ['43', 'Old topic', 'https://board.example/viewtopic.php?f=2&t=43', 'carol', '2019-05-26T16:34:00.000Z', 0, 7],
    ]);
    expect(listingElements?.get('43')?.title?.textContent).toBe('Old topic');
  });
});

describe('phpBB adapter robustness', () => {
  it('is detected on phpBB pages only', () => {
    const pages = allSavedPages();
    expect(pages.length).toBeGreaterThan(15);
    for (const { file, engine } of pages) {
      const { doc } = load(file, 'https://example.org/');
      for (const address of ['https://example.org/', 'https://example.org/viewtopic.php?t=1']) {
        expect(phpbbAdapter.detect(doc, new URL(address)), `${path.basename(file)} at ${address}`).toBe(engine === 'phpbb');
      }
    }
  }, 120_000);

  it('never throws on truncated pages and returns only well-formed posts', () => {
    const { html } = load(SAVED, REAL_URL);
    const step = Math.ceil(html.length / 25);
    for (let cut = 0; cut <= html.length; cut += step) {
      const { doc, url } = loadHtml(html.slice(0, cut), REAL_URL);
      const r = phpbbAdapter.read(doc, url);
      expect(r.page.engine).toBe('phpbb');
      expect(r.page.posts.length).toBeLessThanOrEqual(25);
      for (const p of r.page.posts) {
        wellFormed(p);
        expect(r.elements.get(p.id)?.post.id).toBe(`p${p.id}`);
      }
    }
  }, 60_000);

  it('survives posts without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<body id="phpbb" class="section-viewtopic"><div id="page-body"><h2><a href="viewtopic.php?t=abc">T</a></h2>
       <div id="p" class="post"><p class="author">by <strong></strong></p></div>
       <div id="pxyz" class="post"><div class="content">bad id</div></div>
       <div id="p5" class="post"><p class="author">by <strong></strong> &raquo; Smarch 99, 20199 99:99 xm</p><div class="content"><script>x()</script>only words</div></div>
       <div id="p6" class="post"><p class="author"><time datetime="not a date">?</time></p><div class="content"><blockquote>all quote</blockquote></div></div>
       <div id="p5" class="post"><div class="content">duplicate id</div></div></div></body>`,
      'https://board.example/viewtopic.php?t=&start=-5',
    );
    const r = phpbbAdapter.read(doc, url);
    expect(r.page.posts.map((p) => [p.id, p.author, p.createdAt, p.text])).toEqual([
      ['5', null, null, 'only words'],
      ['6', null, null, ''],
    ]);
    expect(r.page.problems).toEqual(
      expect.arrayContaining(['phpbb: post 5 has no readable author', 'phpbb: post 6 has no readable date', 'phpbb: no topic id on the page']),
    );
  });
});
