import { absoluteUrl, countOf } from '../dom-text';
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
  scoreOf,
  signedIntAttr,
  subredditName,
  subredditOfPath,
  threadFromMeta,
  threadIdOfPath,
} from './common';

/**
 * Old Reddit (old.reddit.com, and www.reddit.com before 2018): server-rendered
 * "things". Every item is `div.thing[data-fullname][data-type]`; a comment's replies
 * sit in its `div.child > div.sitetable`, so depth is the number of comment things
 * around it. Scores: the tagline (comments) or the midcol (links) holds three
 * `.score` elements (dislikes / unvoted / likes); `.score.unvoted[title]` is the
 * score as shown to a reader who has not voted. A hidden score is "•" in a link's midcol
 * (r2 templates/link.html) and `span.score-hidden` ("[score hidden]") in a comment's tagline.
 *
 * The badge anchor is `span.userattrs`, the (usually empty) span right after the name
 * link, so that the badge follows the name without becoming part of the link.
 *
 * How the live site adds items later: "load more comments" (`.thing.morechildren`)
 * fetches comments by AJAX and inserts them in place, inside the same `.sitetable`;
 * "continue this thread" is a link to another page; expanding a collapsed comment only
 * toggles classes. Listing pages paginate with next/prev links (full page loads);
 * Reddit Enhancement Suite's "never ending reddit" appends further `#siteTable` pages
 * to the same document.
 */

export const OLD_THING = '.thing[data-fullname]';

/** Old Reddit's page furniture (cheap id look-ups) or, when `thorough`, any of its things. */
export function isOldReddit(doc: Document, thorough = true): boolean {
  const chrome = doc.getElementById('siteTable') !== null || doc.getElementById('sr-header-area') !== null;
  if (chrome && (doc.getElementById('header-bottom-right') !== null || doc.getElementById('jumpToContent') !== null)) return true;
  return thorough && doc.querySelector(`${OLD_THING}[data-type="link"], ${OLD_THING}[data-type="comment"]`) !== null;
}

const FULLNAME = /^t[13]_[a-z0-9]+$/;

function fullnameOf(thing: Element): string | null {
  const v = thing.getAttribute('data-fullname')?.trim() || /^thing_(t[13]_[a-z0-9]+)$/.exec(thing.id)?.[1] || '';
  return FULLNAME.test(v) ? v : null;
}

function entryOf(thing: Element): Element | null {
  return childMatching(thing, '.entry');
}

/**
 * The score as shown unvoted (`.score.unvoted[title]`, then its text); undefined when
 * there is no score element, null when the score is hidden ("•").
 */
function shownScore(scope: Element | null): number | null | undefined {
  const el = scope?.querySelector('.score.unvoted');
  if (!el) return undefined;
  return scoreOf(el.getAttribute('title')) ?? scoreOf(lineText(el));
}

/** A link's score: the midcol as shown, else `data-score` when the page has no score element. */
function linkScore(thing: Element): number | null {
  const shown = shownScore(childMatching(thing, '.midcol'));
  return shown === undefined ? signedIntAttr(thing, 'data-score') : shown;
}

function taglineTime(entry: Element | null): string | null {
  for (const t of entry?.querySelectorAll('.tagline time[datetime]') ?? []) {
    if (t.classList.contains('edited-timestamp')) continue;
    return redditDate(t.getAttribute('datetime'));
  }
  return null;
}

/** "201 comments" / "comment" (none yet) on a link's comments button. */
function commentsButtonCount(thing: Element): number | null {
  const a = thing.querySelector('.entry a.comments, .entry a[data-event-action="comments"]');
  if (!a) return null;
  const label = lineText(a);
  if (/^comment$/i.test(label)) return 0;
  return countOf(label);
}

function authorOf(thing: Element, entry: Element | null): { author: string | null; deleted: boolean; link: Element | null } {
  const link = entry?.querySelector('.tagline a.author') ?? null;
  const attr = thing.getAttribute('data-author');
  const shown = link ? lineText(link) : null;
  const deleted =
    isDeletedName(attr) || isDeletedName(shown) || (!link && /\[deleted\]/.test(lineText(entry?.querySelector('.tagline'))));
  return { author: deleted ? null : cleanUser(attr) ?? cleanUser(shown), deleted, link };
}

/** One link (submission) thing as a thread record: the row of a listing or the post atop a comments page. */
function linkThread(thing: Element, base: URL): ThreadRecord | null {
  const fullname = fullnameOf(thing);
  const permalink = thing.getAttribute('data-permalink') ?? thing.querySelector('.entry a.comments')?.getAttribute('href');
  const id = threadIdOfPath(permalink) ?? (fullname?.startsWith('t3_') ? fullname.slice(3) : null);
  if (!id) return null;
  const entry = entryOf(thing);
  const flair = lineText(thing.querySelector('.entry .linkflairlabel'));
  return threadRecord(id, {
    title: lineText(thing.querySelector('.entry a.title')) || null,
    url: absoluteUrl(permalink, base),
    category:
      subredditName(thing.getAttribute('data-subreddit-prefixed') ?? thing.getAttribute('data-subreddit')) ??
      subredditOfPath(permalink),
    tags: flair ? [flair] : [],
    author: authorOf(thing, entry).author,
    createdAt: taglineTime(entry) ?? redditDate(thing.getAttribute('data-timestamp')),
    replyCount: commentsButtonCount(thing) ?? signedIntAttr(thing, 'data-comments-count'),
    score: linkScore(thing),
    // Self posts link to themselves: only an outside link is the submitted link.
    linkUrl: /^self\./.test(thing.getAttribute('data-domain') ?? '') ? null : absoluteUrl(thing.getAttribute('data-url'), base),
  });
}

function readListing(doc: Document, base: URL): ListedThread[] {
  const out: ListedThread[] = [];
  const seen = new Set<string>();
  for (const thing of doc.querySelectorAll(`${OLD_THING}[data-type="link"]`)) {
    // Sponsored rows are ads, not threads of the community.
    if (thing.getAttribute('data-promoted') === 'true' || thing.classList.contains('promoted')) continue;
    const t = linkThread(thing, base);
    if (!t || seen.has(t.id)) continue;
    seen.add(t.id);
    out.push({ thread: t, elements: { row: thing, title: thing.querySelector('.entry a.title') } });
  }
  return out;
}

function readOpening(link: Element, base: URL): DomPost | null {
  const id = fullnameOf(link);
  if (!id) return null;
  const entry = entryOf(link);
  const { author, deleted, link: authorLink } = authorOf(link, entry);
  return {
    post: postRecord(id, {
      author,
      authorUrl: absoluteUrl(authorLink?.getAttribute('href'), base) ?? profileUrl(author, base),
      createdAt: taglineTime(entry) ?? redditDate(link.getAttribute('data-timestamp')),
      // A self post's text; a link post has none (its title is the thread title).
      text: bodyText(entry?.querySelector('.expando .usertext-body .md, .usertext-body .md')),
      score: linkScore(link),
      depth: 0,
      role: 'opening',
    }),
    elements: { post: link, author: badgeAnchor(authorLink, '.userattrs') ?? entry?.querySelector('.tagline') ?? null },
    deleted,
  };
}

function readComment(thing: Element, openingId: string | null, base: URL): DomPost | null {
  const id = fullnameOf(thing);
  if (!id?.startsWith('t1_')) return null;
  const entry = entryOf(thing);
  const { author, deleted, link } = authorOf(thing, entry);

  // Depth and parent: the comment things this one is nested in.
  let depth = 0;
  let parentThing: Element | null = null;
  for (let p = thing.parentElement?.closest('.thing'); p; p = p.parentElement?.closest('.thing') ?? null) {
    if (p.getAttribute('data-type') !== 'comment' && !p.classList.contains('comment')) break;
    parentThing ??= p;
    depth += 1;
  }
  let parentId = parentThing ? fullnameOf(parentThing) : null;
  if (!parentId) {
    // A permalink page starts below the top; its first comment's "parent" button names the parent.
    const href = entry?.querySelector('a[data-event-action="parent"]')?.getAttribute('href') ?? '';
    const m = /(?:#|\/)([a-z0-9]+)\/?$/.exec(href);
    parentId = m ? `t1_${m[1]}` : openingId;
  }

  return {
    post: postRecord(id, {
      author,
      authorUrl: deleted ? null : (absoluteUrl(link?.getAttribute('href'), base) ?? profileUrl(author, base)),
      createdAt: taglineTime(entry),
      text: bodyText(entry?.querySelector('.usertext-body .md')),
      score: entry?.querySelector('.tagline .score-hidden')
        ? null
        : (shownScore(entry?.querySelector('.tagline') ?? null) ?? null),
      parentId,
      depth,
      role: COMMENT_ROLE,
    }),
    elements: { post: thing, author: badgeAnchor(link, '.userattrs') ?? entry?.querySelector('.tagline') ?? null },
    deleted,
  };
}

/** `span.user` in the header names the signed-in user; signed out, it holds "Log in or sign up". */
function signedInUser(doc: Document): string | null {
  const a = doc.querySelector('#header-bottom-right span.user > a, #header span.user > a');
  if (!a || a.classList.contains('login-required')) return null;
  const href = a.getAttribute('href') ?? '';
  if (!/\/(user|u)\//.test(href)) return null;
  return cleanUser(lineText(a));
}

function kindOf(doc: Document, threadId: string | null, hasComments: boolean): PageKind {
  const body = doc.body?.classList;
  if (body?.contains('comments-page')) return 'thread';
  // A user's page lists their comments and links from many threads: not one thread.
  if (body?.contains('profile-page')) return 'profile';
  if (body?.contains('listing-page')) return 'listing';
  if (hasComments || (threadId && doc.querySelector('.commentarea'))) return 'thread';
  if (doc.querySelector(`${OLD_THING}[data-type="link"]`)) return 'listing';
  return 'other';
}

export function readOld(doc: Document, url: URL, base: URL): DesignReading {
  const problems: string[] = [];
  const user = signedInUser(doc);
  const comments = [...doc.querySelectorAll(`${OLD_THING}[data-type="comment"]`)];
  const threadIdFromPage = pageThreadId(doc, url);
  const kind = kindOf(doc, threadIdFromPage, comments.length > 0);

  if (kind === 'listing') return { kind, thread: null, posts: [], listing: readListing(doc, base), user, problems };
  if (kind !== 'thread') return { kind, thread: null, posts: [], listing: [], user, problems };

  // The submission: the link thing atop the comments page (#siteTable, outside .commentarea).
  const links = [...doc.querySelectorAll(`${OLD_THING}[data-type="link"]`)].filter((l) => !l.closest('.commentarea'));
  const link =
    links.find(
      (l) => fullnameOf(l) === `t3_${threadIdFromPage}` || threadIdOfPath(l.getAttribute('data-permalink')) === threadIdFromPage,
    ) ?? (threadIdFromPage ? undefined : links[0]);
  const fromLink = link ? linkThread(link, base) : null;
  const threadId = threadIdFromPage ?? fromLink?.id ?? null;
  // Comments of many threads (e.g. /r/x/comments/, the subreddit's comment stream): no one thread.
  if (!threadId) return { kind: 'other', thread: null, posts: [], listing: [], user, problems };
  const opening = link ? readOpening(link, base) : null;
  const openingId = opening?.post.id ?? (threadId ? `t3_${threadId}` : null);

  let thread: ThreadRecord | null = null;
  if (threadId) {
    const meta = threadFromMeta(doc, url, threadId);
    thread = fromLink ?? meta;
    thread.title ??= meta.title;
    thread.url = meta.url ?? thread.url;
    thread.category ??= meta.category;
  }
  if (!link) problems.push('reddit: the submission (link thing) is not on the page');

  const posts: DomPost[] = opening ? [opening] : [];
  for (const c of comments) {
    const d = readComment(c, openingId, base);
    if (d) posts.push(d);
  }
  return { kind, thread, posts: finishTree(posts, openingId), listing: [], user, problems };
}
