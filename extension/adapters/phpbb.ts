import { absoluteUrl, countOf, isoDate, textOf } from './dom-text';
import { footerOffsetMinutes, parsePhpbbDate } from './phpbb/dates';
import { neverThrows, page as pageRecord, post as postRecord, thread as threadRecord } from './records';
import type {
  AdapterResult,
  ListingElements,
  PageKind,
  PostElements,
  PostRecord,
  SiteAdapter,
  ThreadRecord,
} from './types';

/**
 * phpBB 3.x, prosilver and the many styles derived from it (subsilver2 is not covered).
 * Server-rendered: one page of a topic per request (`viewtopic.php?t=…&start=…`), posts
 * flat in time order. Nothing is appended later on the live site: pagination and the
 * quick-reply box reload the page, so the observer only needs the first read (phpBB 3.1+
 * AJAX actions may remove a deleted post in place).
 *
 * Quotes (`blockquote`) are left out of a post's text; phpBB has no reply links, so a
 * quote is not taken as a reply (replyToUser stays null, depth is always 0).
 */

const POST = 'div.post[id^="p"]';
const QUOTE = 'blockquote';

function detect(doc: Document): boolean {
  const body = doc.body;
  if (body?.id === 'phpbb') return true;
  // phpBB 3.0 headers carry the copyright meta tag.
  if (/\bphpBB\b/.test(doc.querySelector('meta[name="copyright"]')?.getAttribute('content') ?? '')) return true;
  // The footer line every board is asked to keep: "Powered by phpBB".
  for (const el of doc.querySelectorAll('.copyright, #page-footer')) {
    if (/Powered by\s*phpBB/i.test(el.textContent ?? '')) return true;
  }
  // Restyled boards: phpBB's section-* body class plus its script names.
  return (
    /\bsection-(?:viewtopic|viewforum|index|search|memberlist|ucp|posting)\b/.test(body?.className ?? '') &&
    doc.querySelector('a[href*="viewtopic.php"], a[href*="viewforum.php"]') !== null
  );
}

/** A URL without phpBB's session id (`sid`), which changes per visit. */
function cleanUrl(href: string | null | undefined, base: URL, drop: string[] = []): string | null {
  const abs = absoluteUrl(href, base);
  if (!abs) return null;
  const u = new URL(abs);
  for (const p of ['sid', ...drop]) u.searchParams.delete(p);
  return u.href;
}

function param(href: string | null | undefined, name: string, base: URL): string | null {
  if (!href) return null;
  try {
    const v = new URL(href, base).searchParams.get(name);
    return v && /^\d+$/.test(v) ? v : null;
  } catch {
    return null;
  }
}

function titleLink(doc: Document): Element | null {
  return (
    doc.querySelector('h2.topic-title a, h2.topic-title') ??
    doc.querySelector('#page-body > h2 a, #page-body h2 a[href*="viewtopic.php"]') ??
    null
  );
}

function topicIdOf(doc: Document, url: URL): string | null {
  return (
    param(url.href, 't', url) ??
    param(titleLink(doc)?.getAttribute('href'), 't', url) ??
    (/^\d+$/.test(doc.querySelector('input[name="t"]')?.getAttribute('value') ?? '')
      ? doc.querySelector('input[name="t"]')!.getAttribute('value')
      : null) ??
    param(doc.querySelector('link[rel="alternate"][href*="t="]')?.getAttribute('href'), 't', url) ??
    param(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), 't', url)
  );
}

/** Offset of the first post of this page in the topic (`start`), or null when unknown. */
function startOf(doc: Document, url: URL): number | null {
  for (const href of [url.href, titleLink(doc)?.getAttribute('href'), doc.querySelector('link[rel="canonical"]')?.getAttribute('href')]) {
    const s = param(href, 'start', url);
    if (s !== null) return Number(s);
  }
  // No start anywhere: page 1 when the pagination says so (3.0 "Page <strong>1</strong>", 3.1+ li.active).
  const current =
    textOf(doc.querySelector('.pagination li.active span')) ||
    textOf(doc.querySelector('.pagination > a > strong, .pagination > strong'));
  if (current === '1' || (!doc.querySelector('.pagination') && !param(url.href, 'p', url))) return 0;
  return null;
}

/** Posts are numbered by position only under the default order (post time, ascending). */
function oldestFirst(doc: Document): boolean {
  const key = doc.querySelector('select#sk option[selected], select[name="sk"] option[selected]')?.getAttribute('value');
  const dir = doc.querySelector('select#sd option[selected], select[name="sd"] option[selected]')?.getAttribute('value');
  return (key ?? 't') === 't' && (dir ?? 'a') === 'a';
}

function readPost(el: Element, id: string, base: URL, offset: number): { post: PostRecord; elements: PostElements } {
  const byline = el.querySelector('p.author');
  const nameLink =
    byline?.querySelector('a.username, a.username-coloured') ??
    byline?.querySelector('strong a[href*="memberlist.php"]') ??
    null;
  const holder = nameLink?.closest('strong') ?? byline?.querySelector('strong') ?? nameLink;
  const profileLink =
    el.querySelector('dl.postprofile dt a.username, dl.postprofile dt a.username-coloured') ??
    [...el.querySelectorAll('dl.postprofile dt a[href*="mode=viewprofile"]')].find((a) => textOf(a)) ??
    null;
  const author =
    textOf(nameLink) ||
    textOf(byline?.querySelector('span.username, span.username-coloured')) ||
    textOf(holder) ||
    textOf(profileLink) ||
    null;
  // phpBB 3.2+: <time datetime> (exact). 3.0/3.1: the text after "»" in the byline, read
  // in the zone the footer names.
  const time = byline?.querySelector('time[datetime]');
  const shown = (byline?.textContent ?? '').split('»').pop();
  const createdAt = isoDate(time?.getAttribute('datetime')) ?? parsePhpbbDate(shown, offset);
  return {
    post: postRecord(id, {
      author,
      authorUrl: cleanUrl((nameLink ?? profileLink)?.getAttribute('href'), base),
      createdAt,
      text: textOf(el.querySelector('div.content'), QUOTE),
      depth: 0,
    }),
    elements: { post: el, author: holder ?? byline ?? null },
  };
}

function readPosts(doc: Document, url: URL, offset: number) {
  const out: Array<{ post: PostRecord; elements: PostElements }> = [];
  const seen = new Set<string>();
  for (const el of doc.querySelectorAll(POST)) {
    const id = /^p(\d+)$/.exec(el.id)?.[1];
    if (!id || seen.has(id)) continue;
    // A post inside another (a review list embedded in a post) is not a post of this page.
    if (el.parentElement?.closest(POST)) continue;
    seen.add(id);
    out.push(readPost(el, id, url, offset));
  }
  return out;
}

function categoryOf(doc: Document): string | null {
  // 3.1+: breadcrumbs of forums; 3.0: "Board index ‹ Forum ‹ Subforum" in the header navlinks.
  const crumbs = [
    ...doc.querySelectorAll('#nav-breadcrumbs .crumb a, .breadcrumbs .crumb a, #page-header .navlinks li.icon-home a'),
  ].filter((a) => /viewforum\.php/.test(a.getAttribute('href') ?? ''));
  return textOf(crumbs[crumbs.length - 1]) || null;
}

function readThread(doc: Document, url: URL, id: string, opening: PostRecord | null): ThreadRecord {
  const link = titleLink(doc);
  const total = /(\d[\d,.]*)\s+posts?\b/i.exec(textOf(doc.querySelector('.pagination')))?.[1];
  const posts = total ? countOf(total) : null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return threadRecord(id, {
    title: textOf(link) || textOf(doc.querySelector('#page-body h2')) || null,
    url: cleanUrl(canonical ?? link?.getAttribute('href') ?? `./viewtopic.php?t=${id}`, url, ['start', 'p']),
    category: categoryOf(doc),
    author: opening?.author ?? null,
    createdAt: opening?.createdAt ?? null,
    replyCount: posts !== null && posts > 0 ? posts - 1 : null,
  });
}

function signedInUser(doc: Document): string | null {
  // 3.1+: the header's user menu.
  const name = textOf(doc.querySelector('#username_logged_in .username, #username_logged_in .username-coloured'));
  if (name) return name;
  // 3.0: "Logout [ name ]".
  for (const a of doc.querySelectorAll('a[href*="mode=logout"]')) {
    const m = /\[\s*(.+?)\s*\]/.exec(textOf(a));
    if (m) return m[1]!;
  }
  return null;
}

/** viewforum.php and search results: `ul.topiclist.topics li.row` with `a.topictitle`. */
function readListing(doc: Document, url: URL, offset: number) {
  const listing: ThreadRecord[] = [];
  const listingElements = new Map<string, ListingElements>();
  for (const row of doc.querySelectorAll('ul.topiclist li.row')) {
    const title = row.querySelector('a.topictitle');
    const id = param(title?.getAttribute('href'), 't', url);
    if (!title || !id || listingElements.has(id)) continue;
    const dt = row.querySelector('dt') ?? row;
    const by =
      [...dt.querySelectorAll('a.username, a.username-coloured, span.username, span.username-coloured')].find(
        (a) => !a.closest('.responsive-show, dd.lastpost'),
      ) ?? dt.querySelector('a[href*="mode=viewprofile"]');
    const shown = textOf(dt, '.responsive-show, .pagination').split('»')[1];
    listing.push(
      threadRecord(id, {
        title: textOf(title) || null,
        url: cleanUrl(title.getAttribute('href'), url),
        author: textOf(by) || null,
        createdAt: isoDate(dt.querySelector('time[datetime]')?.getAttribute('datetime')) ?? parsePhpbbDate(shown, offset),
        replyCount: countOf(textOf(row.querySelector('dd.posts'), 'dfn')),
        viewCount: countOf(textOf(row.querySelector('dd.views'), 'dfn')),
      }),
    );
    listingElements.set(id, { row, title });
  }
  return { listing, listingElements };
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const shownOffset = footerOffsetMinutes(doc);
  const offset = shownOffset ?? 0;
  const read = readPosts(doc, url, offset);
  const posts = read.map((r) => r.post);

  const start = oldestFirst(doc) ? startOf(doc, url) : null;
  posts.forEach((p, i) => {
    if (start !== null) p.number = start + i + 1;
    p.role = p.number === 1 ? 'opening' : 'reply';
  });

  const id = topicIdOf(doc, url);
  const isTopic = posts.length > 0 || /\bsection-viewtopic\b/.test(doc.body?.className ?? '') || /viewtopic\.php$/.test(url.pathname);
  const { listing, listingElements } = isTopic ? { listing: [], listingElements: new Map() } : readListing(doc, url, offset);
  const kind: PageKind = isTopic
    ? 'thread'
    : listing.length > 0
      ? 'listing'
      : /memberlist\.php$/.test(url.pathname) && url.searchParams.get('mode') === 'viewprofile'
        ? 'profile'
        : 'other';

  if (kind === 'thread' && posts.length === 0) problems.push('phpbb: topic page with no posts');
  if (kind === 'thread' && !id) problems.push('phpbb: no topic id on the page');
  for (const p of posts) {
    if (!p.author) problems.push(`phpbb: post ${p.id} has no readable author`);
    if (!p.createdAt) problems.push(`phpbb: post ${p.id} has no readable date`);
  }
  if (shownOffset === null && read.some((r) => r.post.createdAt && !r.elements.post.querySelector('p.author time[datetime]'))) {
    problems.push('phpbb: the page does not name its time zone; dates read as UTC');
  }

  const elements = new Map<string, PostElements>(read.map((r) => [r.post.id, r.elements]));
  return {
    page: pageRecord('phpbb', {
      kind,
      thread: kind === 'thread' && id ? readThread(doc, url, id, posts[0]?.number === 1 ? posts[0] : null) : null,
      posts,
      listing,
      user: (() => {
        const u = signedInUser(doc);
        return u ? { username: u } : null;
      })(),
      problems,
    }),
    elements,
    ...(kind === 'listing' ? { listingElements } : {}),
  };
}

export const phpbbAdapter: SiteAdapter = neverThrows({ engine: 'phpbb', detect, read });
