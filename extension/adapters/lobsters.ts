import { absoluteUrl, countOf, isoDate, signedCountOf, textOf } from './dom-text';
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
 * Lobsters (lobste.rs, and other sites running the lobsters/lobsters Rails app).
 *
 * - Story page (`/s/<short id>/<slug>`): `ol.stories > li.story[data-shortid]` (score in
 *   `.voters .score`, byline with `a.u-author` and a dated span/time), the story text in
 *   `.story_content .story_text`, then the comment tree as nested lists: each
 *   `li.comments_subtree` holds one `div.comment[data-shortid]` (id `c_<short id>`) and an
 *   `ol.comments` with its replies. The comment form is a `div.comment` with an empty
 *   `data-shortid` and is skipped.
 * - Listing pages (home, recent, tag pages): several `li.story` and no comment tree.
 *
 * Scores: Lobsters hides a young comment's score when it is between -2 and 4 (the page then
 * shows "&nbsp;" in 2020 markup, "~" later); such scores are null, not 0.
 *
 * Times: the 2020 markup has `span[title="2020-06-19 11:41:44 -0500"]`; current markup has
 * `time[title][datetime][data-at-unix]` with a zoneless title, read from data-at-unix. An
 * edited comment shows the time of its last edit ("edited 2 hours ago"), not its creation.
 *
 * For the shared observer: everything is server-rendered, no infinite scroll ("Page 2"
 * links navigate). A signed-in user's new comment or edit is inserted by the site's script
 * in place of the form / old comment; collapsing is a CSS checkbox (nothing leaves the DOM).
 */

const HOST = /(^|\.)lobste\.rs$/i;
const STORY_PATH = /^\/s\/([A-Za-z0-9]+)(?:\/|$)/;
/** Profile links: `/u/<name>` (2020) or `/~<name>` (current). */
const USER_PATH = /^\/(?:u\/|~)([^/]+)\/?$/;

function detect(doc: Document, url: URL): boolean {
  if (HOST.test(url.hostname)) return true;
  // The Lobsters layout: `a#l_holder` logo in `#header`, stories as `li.story[data-shortid]`.
  if (!doc.querySelector('#header a#l_holder, #headerleft a#l_holder')) return false;
  return doc.querySelector('li.story[data-shortid], div.comment[data-shortid], .story_liner') !== null;
}

/** Signed integer as Lobsters shows it ("8", "-3", "1.2K"); null for hidden ("~", blank). */
/** The score shown in a voters box: a signed number, nothing else ("" when hidden). */
function scoreOf(el: Element | null | undefined): number | null {
  if (!el) return null;
  const label = (textOf(el) || el.getAttribute('title') || '').replace(/\u00a0/g, ' ').trim();
  return /^[-−–]?\s*\d[\d,.]*\s*[kKmM]?$/.test(label) ? signedCountOf(label) : null;
}

/** Date of a byline time element; `problems` gets one note for zoneless times. */
function timeOf(el: Element | null | undefined, problems: string[]): string | null {
  if (!el) return null;
  const unix = el.getAttribute('data-at-unix')?.trim();
  if (unix && /^\d{9,11}$/.test(unix)) return isoDate(Number(unix) * 1000);
  const raw = (el.getAttribute('datetime') || el.getAttribute('title') || '').trim();
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)\s*(Z|UTC|[+-]\d\d:?\d\d)?$/.exec(raw);
  if (!m) return null;
  let zone = m[3];
  if (!zone) {
    // The server's zone is not on the page: assume UTC and say so.
    const note = 'lobsters: times shown without a zone; assumed UTC';
    if (!problems.includes(note)) problems.push(note);
    zone = 'Z';
  } else if (zone === 'UTC') zone = 'Z';
  else if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return isoDate(`${m[1]}T${m[2]}${zone}`);
}

/** The byline's dated element: current `<time>`, else the span whose title is a date. */
function bylineTime(byline: Element | null | undefined): Element | null {
  if (!byline) return null;
  const time = byline.querySelector('time');
  if (time) return time;
  return [...byline.querySelectorAll('span[title]')].find((s) => /^\d{4}-\d\d-\d\d[ T]/.test(s.getAttribute('title') ?? '')) ?? null;
}

/** The username link of a byline: `/u/<name>` with text (the avatar link holds only an image). */
function userLink(byline: Element | null | undefined, base: URL): Element | null {
  if (!byline) return null;
  const preferred = byline.querySelector('a.u-author');
  if (preferred) return preferred;
  for (const a of byline.querySelectorAll('a[href]')) {
    try {
      if (USER_PATH.test(new URL(a.getAttribute('href')!, base).pathname) && textOf(a)) return a;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function storyUrl(story: Element, base: URL): string | null {
  const href =
    story.querySelector('.comments_label a[href]')?.getAttribute('href') ??
    story.querySelector('a.mobile_comments[href]')?.getAttribute('href') ??
    story.querySelector('a.description_present[href]')?.getAttribute('href');
  if (href) return absoluteUrl(href.replace(/#.*$/, ''), base);
  const id = story.getAttribute('data-shortid');
  return id ? absoluteUrl(`/s/${id}`, base) : null;
}

/** "26 comments" -> 26; "no comments" / "discuss" -> 0; nothing shown -> null. */
function replyCount(story: Element): number | null {
  const label = textOf(story.querySelector('.comments_label a, .comments_label'));
  if (label) {
    if (/\bno comments\b|^discuss$/i.test(label)) return 0;
    const n = countOf(label);
    if (n !== null) return n;
  }
  return countOf(textOf(story.querySelector('a.mobile_comments')));
}

function storyRecord(story: Element, base: URL, problems: string[]): { record: ThreadRecord; user: Element | null } {
  const id = story.getAttribute('data-shortid') || story.id.replace(/^story_/, '');
  const byline = story.querySelector('.details > .byline, .byline');
  const user = userLink(byline, base);
  const titleLink = story.querySelector('.link a.u-url, .link a[href]');
  const tags = [...story.querySelectorAll('.tags a.tag')].map((t) => textOf(t)).filter(Boolean);
  return {
    record: threadRecord(id, {
      title: titleLink ? textOf(titleLink) || null : null,
      url: storyUrl(story, base),
      tags,
      author: user ? textOf(user) || null : null,
      createdAt: timeOf(bylineTime(byline), problems),
      replyCount: replyCount(story),
      score: scoreOf(story.querySelector('.voters .score') ?? story.querySelector('.voters .upvoter')),
      // Text posts link to their own discussion page: no submitted link.
      linkUrl: (() => {
        const link = absoluteUrl(titleLink?.getAttribute('href'), base);
        return link && new URL(link).pathname.startsWith(`/s/${id}`) ? null : link;
      })(),
    }),
    user,
  };
}

function signedInUser(doc: Document, base: URL): string | null {
  const right = doc.querySelector('#headerright');
  if (!right) return null;
  for (const a of right.querySelectorAll('a[href]')) {
    let path = '';
    try {
      path = new URL(a.getAttribute('href')!, base).pathname;
    } catch {
      continue;
    }
    const label = textOf(a);
    // "/settings" is labelled "name (karma)"; some versions link "/u/name" instead.
    if (/^\/settings\/?$/.test(path)) {
      const name = /^(\S+)\s*\(-?\d+\)$/.exec(label)?.[1] ?? null;
      if (name) return name;
    }
    const u = USER_PATH.exec(path)?.[1];
    if (u) return decodeURIComponent(u);
  }
  return null;
}

/** The comment's `li.comments_subtree`, and the comment div of the subtree it sits in. */
function parentComment(comment: Element): Element | null {
  const li = comment.closest('li.comments_subtree');
  const parentLi = li?.parentElement?.closest('li.comments_subtree');
  if (!parentLi) return null;
  for (const c of parentLi.children) if (c.matches('div.comment')) return c;
  return parentLi.querySelector(':scope > div.comment, :scope > details > div.comment');
}

function depthOf(comment: Element): number {
  let depth = -1;
  for (let li = comment.closest('li.comments_subtree'); li; li = li.parentElement?.closest('li.comments_subtree') ?? null) {
    depth += 1;
  }
  return Math.max(depth, 0);
}

function commentId(el: Element | null): string | null {
  const id = el?.getAttribute('data-shortid')?.trim() || /^c_([A-Za-z0-9]+)$/.exec(el?.id ?? '')?.[1];
  return id && /^[A-Za-z0-9]+$/.test(id) ? id : null;
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const elements = new Map<string, PostElements>();
  const posts: PostRecord[] = [];
  const stories = [...doc.querySelectorAll('li.story')].filter((s) => s.getAttribute('data-shortid') || /^story_./.test(s.id));
  const comments = [...doc.querySelectorAll('div.comment')].filter((c) => commentId(c) !== null);
  const pathId = STORY_PATH.exec(url.pathname)?.[1] ?? null;

  const single =
    stories.length === 1 &&
    (comments.length > 0 || pathId !== null || doc.querySelector('.story_content, ol.comments') !== null);
  let kind: PageKind = 'other';
  let thread: ThreadRecord | null = null;
  let rootId: string | null = null;
  const listing: ThreadRecord[] = [];
  const listingElements = new Map<string, ListingElements>();

  if (single) {
    kind = 'thread';
    const story = stories[0]!;
    const { record, user } = storyRecord(story, url, problems);
    thread = record;
    rootId = record.id;
    if (!record.title) problems.push('lobsters: story title not readable');
    posts.push(
      postRecord(record.id, {
        author: record.author,
        authorUrl: absoluteUrl(user?.getAttribute('href'), url),
        createdAt: record.createdAt,
        text: textOf(doc.querySelector('.story_content .story_text, .story_text')),
        score: record.score,
        depth: 0,
        role: 'opening',
      }),
    );
    elements.set(record.id, { post: story, author: user?.parentElement ?? null });
  } else if (stories.length > 0) {
    kind = 'listing';
    for (const story of stories) {
      const { record } = storyRecord(story, url, problems);
      if (!record.id || listingElements.has(record.id)) continue;
      if (!record.title) problems.push(`lobsters: listed story ${record.id} has no readable title`);
      listing.push(record);
      listingElements.set(record.id, { row: story, title: story.querySelector('.link a.u-url, .link a[href]') });
    }
  } else if (comments.length > 0) {
    // A comment page without its story (e.g. /comments, a comment's own page).
    kind = pathId ? 'thread' : 'other';
    if (pathId) problems.push('lobsters: story header not found; comments read without it');
  } else if (USER_PATH.test(url.pathname)) {
    kind = 'profile';
  }

  const authorOf = new Map<string, string | null>();
  for (const comment of comments) {
    const id = commentId(comment)!;
    if (elements.has(id)) continue;
    const byline = comment.querySelector('.details > .byline, .byline');
    const user = userLink(byline, url);
    const author = user ? textOf(user) || null : null;
    const depth = depthOf(comment);
    const parentId = depth === 0 ? rootId : commentId(parentComment(comment));
    const createdAt = timeOf(bylineTime(byline), problems);
    if (!author) problems.push(`lobsters: comment ${id} has no readable author`);
    if (!createdAt) problems.push(`lobsters: comment ${id} has no readable date`);
    if (depth > 0 && !parentId) problems.push(`lobsters: comment ${id} has no parent on the page`);
    posts.push(
      postRecord(id, {
        author,
        authorUrl: absoluteUrl(user?.getAttribute('href'), url),
        createdAt,
        // A blockquote in a comment quotes the comment it answers.
        text: textOf(comment.querySelector('.comment_text'), 'blockquote'),
        score: scoreOf(comment.querySelector('.voters .score') ?? comment.querySelector('.voters .upvoter')),
        parentId,
        depth,
        replyToUser: depth > 0 && parentId ? (authorOf.get(parentId) ?? null) : null,
        role: 'reply',
      }),
    );
    authorOf.set(id, author);
    // The username sits in the byline (2020) or a span inside it (current markup).
    elements.set(id, { post: comment, author: user?.parentElement ?? byline ?? null });
  }

  const user = signedInUser(doc, url);
  return {
    page: pageRecord('lobsters', {
      kind,
      thread,
      posts,
      listing,
      user: user ? { username: user } : null,
      problems,
    }),
    elements,
    listingElements,
  };
}

export const lobstersAdapter: SiteAdapter = neverThrows({ engine: 'lobsters', detect, read });
