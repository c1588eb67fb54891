import { absoluteUrl, countOf, isoDate, textOf } from './dom-text';
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
 * XenForo 2.x (default style and its children). Server-rendered, one page of a thread per
 * request (`/threads/<slug>.<id>/page-N`), posts flat in time order:
 * `article.message--post[data-author][data-content="post-<id>"]`.
 *
 * Live site: new replies are inserted without a reload into
 * `.js-replyNewMessageContainer` (after quick reply, and when the "new replies" notice is
 * clicked or auto-loaded), and quick edit swaps a post's content in place; the observer
 * must re-read on changes below `.block--messages`. Page changes are full loads.
 *
 * Quotes (`blockquote.bbCodeBlock--quote`) are left out of the text and not taken as
 * replies (XenForo has no reply links): replyToUser stays null, depth 0.
 */

const POST = 'article.message--post[data-content^="post-"], article.message[data-content^="post-"]';
const QUOTE = 'blockquote.bbCodeBlock--quote, .bbCodeBlock--quote, .js-selectToQuoteEnd';

function detect(doc: Document): boolean {
  const html = doc.documentElement;
  if (html?.id === 'XF') return true;
  if (html?.getAttribute('data-app') === 'public' && html.hasAttribute('data-template')) return true;
  if (doc.querySelector('script[src*="/js/xf/preamble"], link[href*="css.php?css=public%3A"]')) return true;
  const copyright = doc.querySelector('.p-footer-copyright');
  return /XenForo/i.test(copyright?.textContent ?? '');
}

/** Seconds since the epoch on a `time.u-dt`: `data-time` up to 2.2, `data-timestamp` in 2.3 (where data-time is "2:05 PM"). */
function unixTime(time: Element | null | undefined): string | null {
  for (const name of ['data-timestamp', 'data-time']) {
    const v = time?.getAttribute(name)?.trim();
    if (v && /^\d{9,11}$/.test(v)) return isoDate(Number(v) * 1000);
  }
  return null;
}

/** Reactions (XF 2.1+) or likes (2.0) as the list under a post shows them: "A, B, C and 12 others". */
function reactionCount(post: Element): number | null {
  const bar = post.querySelector('.reactionsBar, .likesBar');
  if (!bar) return null;
  const link = bar.querySelector('.reactionsBar-link, .likesBar-link');
  if (!link) return textOf(bar) ? null : 0; // an empty bar: nobody reacted yet
  const text = textOf(link);
  const named = link.querySelectorAll('bdi').length || text.split(/,\s*|\s+and\s+/).filter((s) => s && !/\bothers?\b/.test(s)).length;
  const you = link.querySelector('bdi') && /^\s*You\b/.test(text) ? 1 : 0;
  const others = /(\d[\d,.]*\s*[kKmM]?)\s+others?\b/.exec(text)?.[1];
  return named + you + (others ? (countOf(others) ?? 0) : 0);
}

function readPost(el: Element, id: string, base: URL): { post: PostRecord; elements: PostElements } {
  const nameEl = el.querySelector('.message-name') ?? el.querySelector('.message-userDetails .username');
  const link = nameEl?.closest('a[href]') ?? nameEl?.querySelector('a[href]') ?? null;
  const author = el.getAttribute('data-author')?.trim() || textOf(nameEl) || null;
  const time = el.querySelector('.message-attribution-main time, .message-attribution time, time.u-dt');
  const createdAt = isoDate(time?.getAttribute('datetime')) ?? unixTime(time);
  const numberText = [...el.querySelectorAll('.message-attribution-opposite a, .message-attribution a')]
    .map((a) => textOf(a))
    .find((t) => /^#\s*\d/.test(t));
  return {
    post: postRecord(id, {
      number: numberText ? countOf(numberText) : null,
      author,
      authorUrl: absoluteUrl(link?.getAttribute('href'), base),
      createdAt,
      text: textOf(el.querySelector('.message-body .bbWrapper') ?? el.querySelector('.message-body'), QUOTE),
      likeCount: reactionCount(el),
      depth: 0,
    }),
    elements: { post: el, author: nameEl ?? null },
  };
}

function threadIdOf(doc: Document, url: URL): string | null {
  const key = /^thread-(\d+)$/.exec(doc.documentElement?.getAttribute('data-content-key') ?? '')?.[1];
  if (key) return key;
  for (const href of [url.href, doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), doc.querySelector('meta[property="og:url"]')?.getAttribute('content')]) {
    if (!href) continue;
    try {
      const m = /\/threads\/(?:[^/]*\.)?(\d+)(?:\/|$)/.exec(new URL(href, url).pathname);
      if (m) return m[1]!;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function readThread(doc: Document, url: URL, id: string, opening: PostRecord | null): ThreadRecord {
  const crumbs = doc.querySelectorAll('.p-breadcrumbs:not(.p-breadcrumbs--bottom) > li');
  const description = doc.querySelector('.p-body-header .p-description');
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return threadRecord(id, {
    // Thread prefixes ("Solved", "Bug") are labels inside the h1, not part of the title.
    title: textOf(doc.querySelector('.p-title-value'), '.label, .labelLink, .label-append') || null,
    url: absoluteUrl(canonical, url),
    category: textOf(crumbs[crumbs.length - 1]?.querySelector('[itemprop="name"]') ?? crumbs[crumbs.length - 1]) || null,
    tags: [...doc.querySelectorAll('.p-body-header .tagList .tagItem, .tagList--thread-' + id + ' .tagItem')]
      .map((t) => textOf(t))
      .filter((t, i, all) => t && all.indexOf(t) === i),
    author: textOf(description?.querySelector('.username')) || opening?.author || null,
    createdAt: isoDate(description?.querySelector('time[datetime]')?.getAttribute('datetime')) ?? opening?.createdAt ?? null,
  });
}

/** Forum and "what's new" lists: `.structItem--thread`. */
function readListing(doc: Document, url: URL) {
  const listing: ThreadRecord[] = [];
  const listingElements = new Map<string, ListingElements>();
  for (const row of doc.querySelectorAll('.structItem--thread')) {
    const title = [...row.querySelectorAll('.structItem-title a[href]')].find((a) => /\/threads\//.test(a.getAttribute('href') ?? ''));
    const id =
      /\bjs-threadListItem-(\d+)\b/.exec(row.className)?.[1] ??
      /\/threads\/(?:[^/]*\.)?(\d+)\/?/.exec(title?.getAttribute('href') ?? '')?.[1];
    if (!title || !id || listingElements.has(id)) continue;
    const pairs = [...row.querySelectorAll('.structItem-cell--meta dl')];
    const started = row.querySelector('.structItem-startDate time, .structItem-cell--main time');
    listing.push(
      threadRecord(id, {
        title: textOf(title) || null,
        url: absoluteUrl(title.getAttribute('href'), url),
        author: row.getAttribute('data-author')?.trim() || textOf(row.querySelector('.structItem-minor .username')) || null,
        createdAt: isoDate(started?.getAttribute('datetime')) ?? unixTime(started),
        replyCount: countOf(textOf(pairs[0]?.querySelector('dd'))),
        viewCount: countOf(textOf(pairs[1]?.querySelector('dd'))),
      }),
    );
    listingElements.set(id, { row, title });
  }
  return { listing, listingElements };
}

function signedInUser(doc: Document): string | null {
  if (doc.documentElement?.getAttribute('data-logged-in') === 'false') return null;
  const link = doc.querySelector('.p-navgroup-link--user');
  return (
    textOf(link?.querySelector('.p-navgroup-linkText')) ||
    link?.querySelector('img[alt]')?.getAttribute('alt')?.trim() ||
    link?.getAttribute('title')?.trim() ||
    null
  );
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const found: Array<{ post: PostRecord; elements: PostElements }> = [];
  const seen = new Set<string>();
  for (const el of doc.querySelectorAll(POST)) {
    const id = /^post-(\d+)$/.exec(el.getAttribute('data-content') ?? '')?.[1];
    if (!id || seen.has(id) || el.parentElement?.closest(POST)) continue;
    seen.add(id);
    found.push(readPost(el, id, url));
  }
  const posts = found.map((f) => f.post);
  for (const p of posts) {
    p.role = p.number === 1 ? 'opening' : 'reply';
    if (!p.author) problems.push(`xenforo: post ${p.id} has no readable author`);
    if (!p.createdAt) problems.push(`xenforo: post ${p.id} has no readable date`);
  }

  const template = doc.documentElement?.getAttribute('data-template') ?? doc.body?.getAttribute('data-template') ?? '';
  const id = threadIdOf(doc, url);
  const isThread = posts.length > 0 || template === 'thread_view';
  const { listing, listingElements } = isThread ? { listing: [], listingElements: new Map() } : readListing(doc, url);
  const kind: PageKind = isThread
    ? 'thread'
    : listing.length > 0
      ? 'listing'
      : template === 'member_view' || /\/members\/[^/]+\.\d+\/?$/.test(url.pathname)
        ? 'profile'
        : 'other';
  if (kind === 'thread' && posts.length === 0) problems.push('xenforo: thread page with no posts');
  if (kind === 'thread' && !id) problems.push('xenforo: no thread id on the page');

  const user = signedInUser(doc);
  return {
    page: pageRecord('xenforo', {
      kind,
      thread: kind === 'thread' && id ? readThread(doc, url, id, posts[0]?.number === 1 ? posts[0] : null) : null,
      posts,
      listing,
      user: user ? { username: user } : null,
      problems,
    }),
    elements: new Map(found.map((f) => [f.post.id, f.elements])),
    ...(kind === 'listing' ? { listingElements } : {}),
  };
}

export const xenforoAdapter: SiteAdapter = neverThrows({ engine: 'xenforo', detect, read });
