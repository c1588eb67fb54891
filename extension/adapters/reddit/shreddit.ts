import { absoluteUrl, countOf, intAttr } from '../dom-text';
import { post as postRecord, thread as threadRecord } from '../records';
import type { PageKind, ThreadRecord } from '../types';
import {
  badgeAnchor,
  bodyText,
  childMatching,
  cleanUser,
  COMMENT_ROLE,
  type DesignReading,
  type DomPost,
  finishTree,
  isDeletedName,
  lineText,
  type ListedThread,
  pageThreadId,
  profileUrl,
  redditDate,
  signedIntAttr,
  subredditName,
  subredditOfPath,
  threadFromMeta,
  threadIdOfPath,
  userOfHref,
} from './common';

/**
 * Current Reddit ("shreddit", web components), per ../shared/LIVE-DOM.md §2. Data sit
 * in attributes of `shreddit-post` (id=t3_…, permalink, post-title, author, score,
 * comment-count, created-timestamp, subreddit-prefixed-name) and of `shreddit-comment`
 * (thingid, author, depth, parentid, postid, score, created, permalink). Replies are
 * `shreddit-comment` elements nested inside their parent; a comment's own body is its
 * direct child `div[slot="comment"]` (nested replies have their own). Server HTML uses
 * camelCase names (`thingId`), which HTML attribute lookup matches case-insensitively.
 * The components render into shadow roots; the slotted light-DOM children
 * (`[slot="commentMeta"]`, `[slot="comment"]`) are what a content script can anchor to.
 *
 * Reddit serves crawlers (and link-preview bots) a stub with page meta only
 * (`shreddit-page-meta`, no post, no comments): that reads as a thread with no posts.
 *
 * How the live site adds posts later: more comments and "N more replies" arrive as
 * `faceplate-partial` HTML fetched from /svc/shreddit/… and injected into the same
 * `shreddit-comment-tree`; feeds append further `shreddit-post`s as you scroll
 * (partials again); navigation between pages is pushState (no reload).
 */

const SIGNATURE_TAGS = ['shreddit-app', 'shreddit-page-meta', 'shreddit-post', 'shreddit-comment-tree', 'shreddit-comment'];

export function isShreddit(doc: Document): boolean {
  // getElementsByTagName(..).length: far cheaper than a selector list on large pages.
  return SIGNATURE_TAGS.some((t) => doc.getElementsByTagName(t).length > 0);
}

const COMMENT_ID = /^t1_[a-z0-9]+$/;
const POST_ID = /^t3_[a-z0-9]+$/;

function attr(el: Element, name: string): string | null {
  const v = el.getAttribute(name)?.trim();
  return v ? v : null;
}

function authorLinkIn(scope: Element | null, skip?: Element | null): Element | null {
  for (const a of scope?.querySelectorAll('a[href*="/user/"], a[href*="/u/"]') ?? []) {
    if (skip?.contains(a)) continue;
    if (userOfHref(a.getAttribute('href'))) return a;
  }
  return null;
}

function postThread(p: Element, base: URL): ThreadRecord | null {
  const permalink = attr(p, 'permalink') ?? attr(p, 'content-href');
  const id = threadIdOfPath(permalink) ?? (POST_ID.test(p.id) ? p.id.slice(3) : null);
  if (!id) return null;
  const author = attr(p, 'author');
  return threadRecord(id, {
    title: attr(p, 'post-title') ?? (lineText(p.querySelector('[slot="title"], h1')) || null),
    url: absoluteUrl(permalink, base),
    category: subredditName(attr(p, 'subreddit-prefixed-name') ?? attr(p, 'subreddit-name')) ?? subredditOfPath(permalink),
    author: isDeletedName(author) ? null : cleanUser(author),
    createdAt: redditDate(attr(p, 'created-timestamp')),
    replyCount: intAttr(p, 'comment-count') ?? countOf(attr(p, 'comment-count')),
    score: signedIntAttr(p, 'score'),
    // Link posts carry the outside URL; text posts point back at themselves.
    linkUrl: /\/comments\//.test(attr(p, 'content-href') ?? '/comments/') ? null : absoluteUrl(attr(p, 'content-href'), base),
  });
}

function readOpening(p: Element, t: ThreadRecord, base: URL): DomPost {
  const body = p.querySelector('[slot="text-body"]');
  const creditBar = p.querySelector('[slot="credit-bar"]');
  const authorEl = p.querySelector('[slot="authorName"]') ?? authorLinkIn(creditBar) ?? authorLinkIn(p, body);
  return {
    post: postRecord(`t3_${t.id}`, {
      author: t.author,
      authorUrl: t.author ? (absoluteUrl(authorEl?.getAttribute('href'), base) ?? profileUrl(t.author, base)) : null,
      createdAt: t.createdAt,
      text: bodyText(body?.querySelector('[id$="-post-rtjson-content"]') ?? body),
      score: t.score,
      depth: 0,
      role: 'opening',
    }),
    // The badge goes at the end of the slotted credit bar / comment meta (light DOM), not
    // inside the name link.
    elements: { post: p, author: creditBar ?? badgeAnchor(authorEl) },
    deleted: isDeletedName(attr(p, 'author')),
  };
}

function readComment(c: Element, openingId: string | null, base: URL): DomPost | null {
  const id = attr(c, 'thingid') ?? attr(c, 'id');
  if (!id || !COMMENT_ID.test(id)) return null;
  const meta = childMatching(c, '[slot="commentMeta"]');
  const rawAuthor = attr(c, 'author');
  const deleted = isDeletedName(rawAuthor) || c.getAttribute('is-author-deleted') === 'true';
  const link = authorLinkIn(meta);
  const author = deleted ? null : (cleanUser(rawAuthor) ?? cleanUser(userOfHref(link?.getAttribute('href'))));

  let depth = intAttr(c, 'depth');
  const outer = c.parentElement?.closest('shreddit-comment') ?? null;
  if (depth === null) {
    depth = 0;
    for (let p = outer; p; p = p.parentElement?.closest('shreddit-comment') ?? null) depth += 1;
  }
  const parentAttr = attr(c, 'parentid');
  const parentId =
    parentAttr && /^t[13]_[a-z0-9]+$/.test(parentAttr)
      ? parentAttr
      : outer
        ? (attr(outer, 'thingid') ?? null)
        : depth === 0
          ? (attr(c, 'postid') ?? openingId)
          : null;

  const time = meta?.querySelector('time[datetime]') ?? c.querySelector('faceplate-timeago time[datetime]');
  return {
    post: postRecord(id, {
      author,
      authorUrl: author ? (absoluteUrl(link?.getAttribute('href'), base) ?? profileUrl(author, base)) : null,
      createdAt: redditDate(attr(c, 'created')) ?? redditDate(time?.getAttribute('datetime')),
      text: bodyText(childMatching(c, '[slot="comment"]')),
      score: signedIntAttr(c, 'score'),
      parentId,
      depth,
      role: COMMENT_ROLE,
    }),
    elements: { post: c, author: meta ?? badgeAnchor(link) },
    deleted,
  };
}

function pageType(doc: Document): string | null {
  // <shreddit-app-attrs> is inside a <template> in the crawler stub: read the template's content too.
  const direct = doc.querySelector('shreddit-app-attrs, shreddit-app');
  let v = direct?.getAttribute('pagetype') ?? direct?.getAttribute('routename');
  if (!v) {
    for (const t of doc.querySelectorAll('shreddit-page-meta template')) {
      const el = (t as HTMLTemplateElement).content?.querySelector('shreddit-app-attrs');
      v = el?.getAttribute('pagetype') ?? el?.getAttribute('routename');
      if (v) break;
    }
  }
  return v ?? null;
}

function kindOf(doc: Document, url: URL, threadId: string | null): PageKind {
  const type = pageType(doc) ?? '';
  if (threadId || /post_detail|post_page|comments/i.test(type) || doc.querySelector('shreddit-comment-tree')) return 'thread';
  if (/^\/(user|u)\//.test(url.pathname) || /profile/i.test(type)) return 'profile';
  if (doc.querySelector('shreddit-post')) return 'listing';
  return 'other';
}

function readListing(doc: Document, base: URL): ListedThread[] {
  const out: ListedThread[] = [];
  const seen = new Set<string>();
  for (const p of doc.querySelectorAll('shreddit-post')) {
    if (p.hasAttribute('promoted') || p.closest('shreddit-ad-post')) continue;
    const t = postThread(p, base);
    if (!t || seen.has(t.id)) continue;
    seen.add(t.id);
    out.push({ thread: t, elements: { row: p, title: p.querySelector('[slot="title"], h1, h2, h3') } });
  }
  return out;
}

export function readShreddit(doc: Document, url: URL, base: URL): DesignReading {
  const problems: string[] = [];
  const threadId = pageThreadId(doc, url);
  const kind = kindOf(doc, base, threadId);
  if (kind === 'listing') return { kind, thread: null, posts: [], listing: readListing(doc, base), user: null, problems };
  if (kind !== 'thread') return { kind, thread: null, posts: [], listing: [], user: null, problems };

  const posts = [...doc.querySelectorAll('shreddit-post')];
  const post =
    posts.find((p) => p.id === `t3_${threadId}` || threadIdOfPath(p.getAttribute('permalink')) === threadId) ??
    (threadId ? undefined : posts[0]);
  const fromPost = post ? postThread(post, base) : null;
  const id = threadId ?? fromPost?.id ?? null;
  let thread: ThreadRecord | null = null;
  if (id) {
    const meta = threadFromMeta(doc, url, id);
    thread = fromPost ?? meta;
    thread.title ??= meta.title;
    thread.url = meta.url ?? thread.url;
    thread.category ??= meta.category;
  }
  const openingId = id ? `t3_${id}` : null;
  const out: DomPost[] = post && thread ? [readOpening(post, thread, base)] : [];
  for (const c of doc.querySelectorAll('shreddit-comment')) {
    const d = readComment(c, openingId, base);
    if (d) out.push(d);
  }
  if (!post && out.length === 0) {
    problems.push(
      doc.querySelector('shreddit-page-meta') && !doc.querySelector('shreddit-app')
        ? 'reddit: Reddit served its crawler stub (page meta only): no post or comments to read'
        : 'reddit: no post or comments rendered yet',
    );
  } else if (!post) {
    problems.push('reddit: the submission (shreddit-post) is not on the page');
  }
  return { kind, thread, posts: finishTree(out, openingId), listing: [], user: null, problems };
}
