import { absoluteUrl, countOf } from '../dom-text';
import { post as postRecord, thread as threadRecord } from '../records';
import type { ThreadRecord } from '../types';
import {
  badgeAnchor,
  bodyText,
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
  scoreOf,
  subredditOfPath,
  threadFromMeta,
  threadIdOfPath,
  userOfHref,
} from './common';

/**
 * The 2018-2023 React redesign ("new Reddit", www.reddit.com before shreddit).
 * Class names are build hashes (`_3sf33-9rVAO_v4y0pIW_CH`), so only ids, `data-testid`,
 * `data-click-id` and a few plain classes (`Comment`, `threadline`) are used.
 *
 * Comments are NOT nested in the DOM: each is a flat `div#t1_<id>` in document
 * (pre-)order, and depth is encoded three ways, all read from the saved pages:
 *  - a screen-reader span "level N" (N = 1 for top-level comments) in the comment;
 *  - the inline indent `padding-left: 16px` (level 1), 37px (level 2); the saved pages
 *    only go two levels deep, so 16 + 21·(N-1) beyond that is an extrapolation;
 *  - one thread line per ancestor in the comment's first child, each
 *    `div.t1_<ancestor id>` and last its own (collapsed comments draw none).
 * The parent is the previous thread line when present, else the nearest preceding
 * comment one level up.
 *
 * Dates: the page shows only relative times ("4 yr. ago", "4 years ago") with no
 * datetime attribute or title holding the absolute time, so createdAt stays null.
 *
 * How the live site adds posts later: "N more replies" (`div#moreComments-t1_<id>`),
 * "Continue this thread" (`div#continueThread-t1_<id>`) and scrolling load further
 * comments into the same flat list; opening a post from a feed shows the comments page
 * in an overlay above the feed (pushState navigation), so the feed's post containers
 * stay in the document — the thread's own container is the one whose id matches the URL.
 */

/** The redesign's app shell (cheap id look-ups) or, when `thorough`, its post / comment markup. */
export function isRedesign(doc: Document, thorough = true): boolean {
  if (doc.getElementById('2x-container') !== null && doc.getElementById('SHORTCUT_FOCUSABLE_DIV') !== null) return true;
  return (
    thorough &&
    (doc.querySelector('[data-testid="post-container"][id^="t3_"]') !== null ||
      doc.querySelector('div.Comment[class*="t1_"]') !== null)
  );
}

const COMMENT_ID = /^t1_[a-z0-9]+$/;
const POST_ID = /^t3_[a-z0-9]+$/;

function voteScore(scope: ParentNode, id: string): number | null {
  const arrows = scope.querySelector(`[id="vote-arrows-${id}"]`);
  if (!arrows) return null;
  for (const c of arrows.children) if (c.tagName === 'DIV') return scoreOf(lineText(c));
  return null;
}

function postContainers(doc: Document): Element[] {
  return [...doc.querySelectorAll('[data-testid="post-container"]')].filter((e) => POST_ID.test(e.id));
}

function postAuthor(container: Element, base: URL): { author: string | null; url: string | null; el: Element | null } {
  const link = container.querySelector('[data-testid="post_author_link"]');
  const author = cleanUser(userOfHref(link?.getAttribute('href'))) ?? cleanUser(lineText(link));
  return { author, url: absoluteUrl(link?.getAttribute('href'), base) ?? profileUrl(author, base), el: link };
}

function commentsCount(container: Element): number | null {
  const a = container.querySelector('[data-test-id="comments-page-link-num-comments"], a[data-click-id="comments"]');
  return a ? countOf(lineText(a)) : null;
}

function containerThread(container: Element, base: URL): ThreadRecord | null {
  const permalink =
    container.querySelector('a[data-click-id="body"][href*="/comments/"]')?.getAttribute('href') ??
    container.querySelector('[data-test-id="comments-page-link-num-comments"]')?.getAttribute('href');
  const id = threadIdOfPath(permalink) ?? container.id.slice(3);
  const sub = container.querySelector('a[data-click-id="subreddit"]')?.getAttribute('href');
  return threadRecord(id, {
    title: lineText(container.querySelector('h1, h3')) || null,
    url: absoluteUrl(permalink, base),
    category: subredditOfPath(sub) ?? subredditOfPath(permalink),
    author: postAuthor(container, base).author,
    replyCount: commentsCount(container),
    score: voteScore(container, container.id),
    linkUrl: absoluteUrl(container.querySelector('a[data-testid="outbound-link"], a.styled-outbound-link')?.getAttribute('href'), base),
  });
}

function levelOf(c: Element): number | null {
  for (const s of c.querySelectorAll('span')) {
    const m = /^level (\d{1,3})$/.exec(s.textContent?.trim() ?? '');
    if (m) return Number(m[1]);
  }
  const pad = /padding-left:\s*(\d+(?:\.\d+)?)px/.exec(c.getAttribute('style') ?? '');
  if (pad) return Math.max(1, Math.round((Number(pad[1]) - 16) / 21) + 1);
  return null;
}

/** Ancestor ids from the thread lines (own line last); empty when none are drawn. */
function threadLines(c: Element): string[] {
  const box = c.firstElementChild;
  if (!box || box.classList.contains('Comment')) return [];
  const ids: string[] = [];
  for (const line of box.querySelectorAll('div')) {
    const id = [...line.classList].find((k) => COMMENT_ID.test(k));
    if (id && line.querySelector(':scope > i.threadline') && ids.at(-1) !== id) ids.push(id);
  }
  return ids;
}

function readComment(c: Element, base: URL): { d: DomPost; level: number | null; lineParent: string | null } {
  const id = c.id;
  // Deleted comments: `[data-testid="post-comment-header-deleted"]` ("Comment deleted by
  // user"), or a "[deleted]" name with the avatar placeholder `div[to="/user/[deleted]/"]`.
  const header = c.querySelector('[data-testid^="post-comment-header"]');
  const nameLink = c.querySelector('a[data-testid="comment_author_link"]');
  const iconLink = c.querySelector('a[data-testid="comment_author_icon"]');
  const deleted =
    header?.getAttribute('data-testid') === 'post-comment-header-deleted' ||
    /\/user\/\[(deleted|removed)\]/.test(c.querySelector('[to^="/user/"]')?.getAttribute('to') ?? '') ||
    (!nameLink && !iconLink && /\[(deleted|removed)\]/.test(lineText(header)));
  const author = deleted
    ? null
    : (cleanUser(lineText(nameLink)) ??
      cleanUser(userOfHref(nameLink?.getAttribute('href'))) ??
      cleanUser(userOfHref(iconLink?.getAttribute('href'))));
  const authorHref = nameLink?.getAttribute('href') ?? iconLink?.getAttribute('href');
  const lines = threadLines(c);
  const own = lines.at(-1) === id ? lines.slice(0, -1) : lines;
  const level = levelOf(c) ?? (lines.at(-1) === id ? lines.length : null);
  return {
    d: {
      post: postRecord(id, {
        author,
        authorUrl: deleted ? null : (absoluteUrl(authorHref, base) ?? profileUrl(author, base)),
        text: bodyText(c.querySelector('[data-testid="comment"]')),
        score: voteScore(c, id),
        depth: level !== null ? level - 1 : null,
        role: COMMENT_ROLE,
      }),
      elements: { post: c, author: badgeAnchor(nameLink) ?? header },
      deleted,
    },
    level,
    lineParent: own.at(-1) ?? null,
  };
}

function readListing(doc: Document, base: URL): ListedThread[] {
  const out: ListedThread[] = [];
  const seen = new Set<string>();
  for (const c of postContainers(doc)) {
    if (c.querySelector('[data-testid="outbound-link"][rel~="sponsored"]')) continue; // promoted
    const t = containerThread(c, base);
    if (!t || seen.has(t.id)) continue;
    seen.add(t.id);
    out.push({ thread: t, elements: { row: c, title: c.querySelector('h1, h3') } });
  }
  return out;
}

export function readRedesign(doc: Document, url: URL, base: URL): DesignReading {
  const problems: string[] = [];
  const threadId = pageThreadId(doc, url);
  if (!threadId) {
    if (/^\/(user|u)\//.test(base.pathname)) {
      return { kind: 'profile', thread: null, posts: [], listing: [], user: null, problems };
    }
    const listing = readListing(doc, base);
    return { kind: listing.length > 0 ? 'listing' : 'other', thread: null, posts: [], listing, user: null, problems };
  }

  const byId = doc.getElementById(`t3_${threadId}`);
  const container = byId?.getAttribute('data-testid') === 'post-container' ? byId : null;
  const meta = threadFromMeta(doc, url, threadId);
  const thread = container ? containerThread(container, base)! : meta;
  thread.id = threadId;
  thread.url = meta.url ?? thread.url;
  thread.title ??= meta.title;
  thread.category ??= meta.category;

  const posts: DomPost[] = [];
  const openingId = `t3_${threadId}`;
  if (container) {
    const a = postAuthor(container, base);
    posts.push({
      post: postRecord(openingId, {
        author: a.author,
        authorUrl: a.url,
        text: bodyText(container.querySelector('[data-click-id="text"]')),
        score: thread.score,
        depth: 0,
        role: 'opening',
      }),
      elements: {
        post: container,
        author: badgeAnchor(a.el) ?? container.querySelector('[data-testid="post_timestamp"]')?.parentElement ?? null,
      },
    });
  } else {
    problems.push('reddit: the submission is not on the page');
  }

  // Flat list in document order: a stack of the last comment seen at each level.
  const stack: string[] = [];
  for (const c of doc.querySelectorAll('div[id^="t1_"]')) {
    if (!COMMENT_ID.test(c.id) || !c.querySelector('.Comment, [data-testid^="post-comment-header"]')) continue;
    const { d, level, lineParent } = readComment(c, base);
    let parentId: string | null = null;
    if (level !== null) {
      stack.length = Math.min(stack.length, level - 1);
      parentId = level === 1 ? openingId : (stack[level - 2] ?? null);
      stack[level - 1] = d.post.id;
    }
    d.post.parentId = lineParent ?? parentId;
    posts.push(d);
  }

  if (posts.length > 0) problems.push('reddit: this design shows only relative dates ("4 yr. ago"); post dates not read');
  return { kind: 'thread', thread, posts: finishTree(posts, openingId), listing: [], user: null, problems };
}
