import { absoluteUrl, isoDate, signedCountOf, textOf } from '../dom-text';
import { thread as threadRecord } from '../records';
import type { ListingElements, PageKind, PostElements, PostRecord, PostRole, ThreadRecord } from '../types';

/**
 * What every Reddit design reader (old.ts, redesign.ts, shreddit.ts) hands back to
 * reddit.ts. Ids: posts use Reddit's own "fullnames" (`t3_<id>` for the submission,
 * `t1_<id>` for comments), the same in all three designs; threads use the bare base-36
 * id from the URL (`/comments/<id>/`).
 */
export interface DomPost {
  post: PostRecord;
  elements: PostElements;
  /** The page shows the author as deleted / removed (no author is then expected). */
  deleted?: boolean;
}

export interface ListedThread {
  thread: ThreadRecord;
  elements: ListingElements;
}

export interface DesignReading {
  kind: PageKind;
  thread: ThreadRecord | null;
  posts: DomPost[];
  listing: ListedThread[];
  user: string | null;
  problems: string[];
}

/** Role of every post that is not the submission itself. */
export const COMMENT_ROLE: PostRole = 'reply';

/** Quotes (Reddit's `>` markdown) are left out of a comment's own words. */
export const QUOTE = 'blockquote';

const COMMENTS_PATH = /\/comments\/([a-z0-9]+)(?:\/|$)/i;
const REDDIT_HOST = /(^|\.)reddit\.com$/i;

export function isRedditHost(url: URL | null | undefined): boolean {
  return !!url && REDDIT_HOST.test(url.hostname);
}

/** `content` of `<meta property=…>` or `<meta name=…>` (some saved copies use `value=` instead). */
export function metaContent(doc: Document, key: string): string | null {
  for (const m of (doc.head ?? doc).querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)) {
    const v = (m.getAttribute('content') ?? m.getAttribute('value'))?.trim();
    if (v) return v;
  }
  return null;
}

function parseUrl(href: string | null | undefined, base?: URL): URL | null {
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** The page's canonical reddit.com URL (canonical link, og:url), when it names one. */
export function canonicalUrl(doc: Document, url: URL): URL | null {
  const link = (doc.head ?? doc).querySelector('link[rel="canonical"]');
  for (const href of [link?.getAttribute('href'), metaContent(doc, 'og:url')]) {
    const u = parseUrl(href, url);
    if (u && isRedditHost(u)) return u;
  }
  return null;
}

/**
 * The URL to read paths from and resolve links against: the page's own when it is on
 * reddit.com, else the canonical reddit.com URL the page names (a saved copy opened
 * from elsewhere), else the page's own.
 */
export function effectiveUrl(doc: Document, url: URL): URL {
  if (isRedditHost(url)) return url;
  return canonicalUrl(doc, url) ?? url;
}

/** Base-36 submission id in a `/comments/<id>/` path. */
export function threadIdOfPath(href: string | URL | null | undefined): string | null {
  if (!href) return null;
  const path = typeof href === 'string' ? (parseUrl(href, new URL('https://www.reddit.com/'))?.pathname ?? '') : href.pathname;
  return COMMENTS_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
}

/** The submission id the page is about: its URL, then canonical / og:url. */
export function pageThreadId(doc: Document, url: URL): string | null {
  return threadIdOfPath(url) ?? threadIdOfPath(canonicalUrl(doc, url));
}

/** `r/<name>` from a path such as `/r/aww/comments/…`. */
export function subredditOfPath(href: string | URL | null | undefined): string | null {
  if (!href) return null;
  const path = typeof href === 'string' ? (parseUrl(href, new URL('https://www.reddit.com/'))?.pathname ?? '') : href.pathname;
  const m = /^\/r\/([A-Za-z0-9_]+)(?:\/|$)/.exec(path);
  return m ? `r/${m[1]}` : null;
}

/** Normalises a subreddit name to `r/<name>`. */
export function subredditName(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/^\/?r\//i, '');
  return v && /^[A-Za-z0-9_]+$/.test(v) ? `r/${v}` : null;
}

/**
 * Signed Reddit score of a label: "690", "-35 points", "11.0k", "1.2m". Null for
 * "Vote", "•" (score hidden) and anything else without a number.
 */
export const scoreOf = signedCountOf;

/** Strict signed integer attribute ("42", "-3"); null for anything else. */
export function signedIntAttr(el: Element | null | undefined, name: string): number | null {
  const v = el?.getAttribute(name)?.trim();
  return v && /^-?\d+$/.test(v) ? Number(v) : null;
}

/**
 * ISO-8601 of Reddit's date formats: "2018-04-21T21:36:45+00:00", shreddit's
 * "2026-05-11T19:00:00.000000+0000" (microseconds, offset without colon), epoch ms.
 */
export function redditDate(value: string | number | null | undefined): string | null {
  if (typeof value === 'number') return isoDate(value);
  const v = value?.trim();
  if (!v) return null;
  if (/^\d{12,14}$/.test(v)) return isoDate(Number(v));
  const norm = v.replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (!/^\d{4}-\d\d-\d\d/.test(norm)) return null;
  return isoDate(norm);
}

/** Username of a profile link (`/user/<name>/`, `/u/<name>`). */
export function userOfHref(href: string | null | undefined): string | null {
  const m = /\/(?:user|u)\/([A-Za-z0-9_-]+)\/?(?:[?#]|$)/.exec(href ?? '');
  return m ? m[1]! : null;
}

/** A username as shown; null for deleted / removed accounts and for non-names. */
export function cleanUser(name: string | null | undefined): string | null {
  const v = name?.trim().replace(/^\/?u\//, '');
  if (!v || /^\[(deleted|removed)\]$/i.test(v)) return null;
  return /^[A-Za-z0-9_-]{1,40}$/.test(v) ? v : null;
}

export function isDeletedName(name: string | null | undefined): boolean {
  return /^\s*\[(deleted|removed)\]\s*$/i.test(name ?? '');
}

/** Profile URL of a username. */
export function profileUrl(user: string | null, base: URL): string | null {
  return user ? absoluteUrl(`/user/${user}/`, base) : null;
}

/**
 * Thread title from page metadata when the page renders no title element:
 * `<title>Ben … : aww</title>`, og:title "Ben … • r/aww" or "r/Showerthoughts - Vanilla …".
 * The shreddit crawler stub's og:title is generic ("From the X community on Reddit"),
 * so the document title comes first.
 */
export function titleFromMeta(doc: Document): string | null {
  const docTitle = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  if (docTitle && !/^reddit\b/i.test(docTitle)) {
    const t = docTitle.replace(/\s+:\s+(?:r\/)?[A-Za-z0-9_]+$/, '').trim();
    if (t && t !== docTitle) return t;
  }
  for (const key of ['og:title', 'twitter:title']) {
    const v = metaContent(doc, key)?.replace(/\s+/g, ' ');
    if (!v || /^From the .* community on Reddit/i.test(v)) continue;
    return v.replace(/\s+•\s+r\/[A-Za-z0-9_]+$/, '').replace(/^r\/[A-Za-z0-9_]+ - /, '').trim() || null;
  }
  return docTitle || null;
}

/** A thread record from what the page's head says (id, title, URL, subreddit). */
export function threadFromMeta(doc: Document, url: URL, id: string): ThreadRecord {
  const canonical = canonicalUrl(doc, url);
  const where = canonical ?? (isRedditHost(url) ? url : null);
  return threadRecord(id, {
    title: titleFromMeta(doc),
    url: where ? absoluteUrl(where.href.replace(/[?#].*$/, ''), where) : null,
    category: subredditOfPath(where),
  });
}

/** Text of a post body as a reader sees it, quotes left out. */
export function bodyText(el: Element | null | undefined): string {
  return textOf(el, QUOTE);
}

/** Text of a label or title on one line. */
export function lineText(el: Element | null | undefined): string {
  return textOf(el).replace(/\s+/g, ' ').trim();
}

/**
 * Where the engagement badge goes for an author link: the badge is appended inside the
 * anchor element, and inside an `<a>` it would become part of the link. So the element
 * right after the link that belongs to the name (`after`, e.g. old Reddit's
 * `span.userattrs`), else the link's own wrapper when it holds nothing else, else the link.
 */
export function badgeAnchor(link: Element | null, after?: string): Element | null {
  if (!link) return null;
  const next = link.nextElementSibling;
  if (after && next?.matches(after)) return next;
  const parent = link.parentElement;
  const sameText = (parent?.textContent ?? '').trim() === (link.textContent ?? '').trim();
  if (parent && parent.children.length === 1 && sameText) return parent;
  return link;
}

/** The first child element of `el` matching `selector` (no deeper: keeps nested replies out). */
export function childMatching(el: Element, selector: string): Element | null {
  for (const c of el.children) if (c.matches(selector)) return c;
  return null;
}

/**
 * Fills replyToUser from the parent's author, drops duplicate ids (first wins),
 * placeholder texts of deleted comments, and parent links that are not Reddit ids.
 */
export function finishTree(posts: DomPost[], openingId: string | null): DomPost[] {
  const seen = new Set<string>();
  const out = posts.filter((d) => (seen.has(d.post.id) ? false : (seen.add(d.post.id), true)));
  const byId = new Map(out.map((d) => [d.post.id, d.post]));
  for (const { post } of out) {
    // "[deleted]" / "[removed]" bodies are placeholders, not anyone's words.
    if (/^\[(deleted|removed)\]$/i.test(post.text)) post.text = '';
    if (post.parentId === null || post.parentId === post.id) {
      post.parentId = null;
      continue;
    }
    const parent = byId.get(post.parentId);
    if (parent) post.replyToUser = parent.author;
    else if (post.parentId !== openingId && !/^t[13]_[a-z0-9]+$/.test(post.parentId)) post.parentId = null;
  }
  return out;
}
