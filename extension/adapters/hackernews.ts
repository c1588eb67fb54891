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
 * Hacker News (news.ycombinator.com): server-rendered tables, no client-side rendering.
 *
 * - Item page (`html[op=item]`): `table.fatitem` holds the story (or, on a comment's own
 *   page, that comment) and `table.comment-tree` one `tr.athing.comtr` per comment, flat,
 *   in tree order. Nesting is only the indent: `td.ind[indent=N]` (2022+) or, in older
 *   markup, the spacer image width in `td.ind img` (40px per level).
 * - Listing pages (front page, newest, ask, show, jobs): `tr.athing` story rows, each
 *   followed by a row with `td.subtext` (points, author, age, comments link).
 *
 * Comment points are shown only to their author, so comment `score` stays null.
 *
 * Times: `span.age[title]` is the item's time in UTC without a zone ("2023-07-21T18:04:01");
 * since 2024 HN appends the Unix time ("2024-06-25T09:17:08 1719307028"), used when present.
 *
 * For the shared observer: nothing is added to the page after load. Long threads are split
 * into pages (`a.morelink` "More" -> `item?id=…&p=2`, a full navigation); the front page's
 * "More" is a full navigation too. HN's script only toggles collapsed comments (classes
 * `coll` / `noshow`, the rows stay in the DOM) and removes a story row on "hide".
 */

const HOST = /(^|\.)news\.ycombinator\.com$/i;
const INDENT_PX = 40;

function detect(doc: Document, url: URL): boolean {
  if (HOST.test(url.hostname)) return true;
  const main = doc.getElementById('hnmain');
  if (!main) return false;
  return main.querySelector('b.hnname, tr.athing, a.hnuser, span.pagetop') !== null;
}

/** Item id from `?id=` of an `item?id=…` / `user?id=…` style link. */
function idParam(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const id = new URL(href, base).searchParams.get('id');
    return id && /^\d+$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The item's discussion page: the page's own link to it (the age link), else built from the id. */
function itemUrl(id: string, base: URL, age?: Element | null): string | null {
  const href = age?.querySelector('a[href]')?.getAttribute('href');
  if (href && idParam(href, base) === id) return absoluteUrl(href, base);
  return absoluteUrl(`/item?id=${id}`, HOST.test(base.hostname) ? base : new URL('https://news.ycombinator.com/'));
}

/** `span.age[title]`: "2023-07-21T18:04:01" (UTC, no zone) or "… 1719307028" (Unix seconds). */
function ageDate(age: Element | null | undefined): string | null {
  const title = age?.getAttribute('title')?.trim();
  if (!title) return null;
  const unix = /\s(\d{9,11})$/.exec(title)?.[1];
  if (unix) return isoDate(Number(unix) * 1000);
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(Z|[+-]\d\d:?\d\d)?$/.exec(title.split(/\s+/)[0] ?? '');
  if (!m) return null;
  return isoDate(`${m[1]}${m[2] ?? 'Z'}`);
}

/** Username from `user?id=<name>`. */
function userParam(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const id = new URL(href, base).searchParams.get('id')?.trim();
    return id && /^[\w-]{1,32}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

function userOf(link: Element | null | undefined, base: URL) {
  const author = link ? textOf(link) || userParam(link.getAttribute('href'), base) : null;
  return {
    author: author || null,
    authorUrl: absoluteUrl(link?.getAttribute('href'), base),
  };
}

/**
 * A comment's own words: HN has no quote markup; quoting is a line starting with ">"
 * (the page shows it as typed), and such lines quote another post, so they are dropped.
 */
function commentText(el: Element | null | undefined): string {
  return textOf(el, '.reply')
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}

/** Depth of a comment row: `td.ind[indent]`, else the indent image's width / 40. */
function depthOf(row: Element): number | null {
  const ind = row.querySelector('td.ind');
  const attr = ind?.getAttribute('indent')?.trim();
  if (attr && /^\d{1,3}$/.test(attr)) return Number(attr);
  const width = ind?.querySelector('img')?.getAttribute('width')?.trim();
  if (width && /^\d{1,5}$/.test(width)) return Math.round(Number(width) / INDENT_PX);
  return null;
}

/**
 * A comment row: `tr.athing.comtr` in a thread, or a row with the comment cell `td.default`
 * (a comment's own page, favorites). Story rows have `td.title`; note that they also have a
 * `span.sitebit.comhead`, so the `comhead` class alone says nothing.
 */
function isCommentRow(row: Element): boolean {
  return row.classList.contains('comtr') || (row.querySelector('td.default') !== null && !row.querySelector('td.title'));
}

/** The "parent" link of a comment's header: `item?id=N` or `#N`. */
function parentLink(head: Element | null | undefined, base: URL): string | null {
  const link = [...(head?.querySelectorAll('a[href]') ?? [])].find((a) => textOf(a) === 'parent');
  const href = link?.getAttribute('href')?.trim() ?? '';
  return /^#\d+$/.test(href) ? href.slice(1) : idParam(href, base);
}

/** The `td.subtext` row that follows a story's `tr.athing`. */
function subtextOf(row: Element): Element | null {
  const next = row.nextElementSibling;
  return next?.querySelector('td.subtext') ?? null;
}

/** "100 comments" / "1 comment" -> n, "discuss" -> 0, none (jobs) -> null. */
function commentCount(subtext: Element | null, id: string, base: URL): number | null {
  if (!subtext) return null;
  for (const a of [...subtext.querySelectorAll('a[href]')].reverse()) {
    if (idParam(a.getAttribute('href'), base) !== id || a.closest('span.age')) continue;
    const label = textOf(a).replace(/\u00a0/g, ' ');
    if (/^discuss$/i.test(label)) return 0;
    if (/\bcomments?\b/i.test(label)) return countOf(label);
  }
  return null;
}

function storyTitle(row: Element): { title: string | null; link: Element | null } {
  const link = row.querySelector('span.titleline > a, a.titlelink, a.storylink, td.title > a:not([id^="up_"])');
  return { title: link ? textOf(link) || null : null, link };
}

function storyThread(row: Element, base: URL): { record: ThreadRecord; subtext: Element | null; titleEl: Element | null } {
  const id = row.id;
  const subtext = subtextOf(row);
  const { title, link } = storyTitle(row);
  const user = subtext?.querySelector('a.hnuser');
  const score = subtext?.querySelector('span.score');
  return {
    record: threadRecord(id, {
      title,
      url: itemUrl(id, base, subtext?.querySelector('span.age')),
      author: user ? textOf(user) || null : null,
      createdAt: ageDate(subtext?.querySelector('span.age')),
      replyCount: commentCount(subtext, id, base),
      score: score ? countOf(textOf(score)) : null,
      // Ask HN and other text posts link to themselves: no submitted link.
      linkUrl: idParam(link?.getAttribute('href'), base) === id ? null : absoluteUrl(link?.getAttribute('href'), base),
    }),
    subtext,
    titleEl: link,
  };
}

function signedInUser(doc: Document, base: URL): string | null {
  const me = doc.querySelector('a#me');
  if (me) return textOf(me) || userParam(me.getAttribute('href'), base);
  // Older markup: no #me; the right-hand pagetop has "user (karma) | logout".
  const logout = doc.querySelector('a#logout, span.pagetop a[href^="logout"], span.pagetop a[href*="/logout"]');
  const link = logout?.closest('.pagetop')?.querySelector('a[href*="user?id="]');
  return link ? textOf(link) || null : null;
}

/** `html[op]` names HN's page: item, news, newest, ask, show, jobs, user, threads, newcomments, … */
function kindOf(doc: Document, hasFatItem: boolean, listed: number): PageKind {
  const op = doc.documentElement?.getAttribute('op') ?? '';
  if (hasFatItem) return 'thread';
  if (op === 'user' || op === 'threads') return 'profile';
  if (listed > 0) return 'listing';
  return 'other';
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const elements = new Map<string, PostElements>();
  const posts: PostRecord[] = [];

  // The item at the top of an item page: a story, or a comment viewed on its own page.
  const fat = doc.querySelector('table.fatitem tr.athing[id]');
  let thread: ThreadRecord | null = null;
  let rootId: string | null = null;
  if (fat && /^\d+$/.test(fat.id)) {
    rootId = fat.id;
    const fatTable = fat.closest('table.fatitem') ?? fat;
    if (!isCommentRow(fat)) {
      const { record, subtext } = storyThread(fat, url);
      thread = record;
      const user = subtext?.querySelector('a.hnuser') ?? null;
      const text = textOf(doc.querySelector('table.fatitem .toptext'));
      posts.push(
        postRecord(fat.id, {
          ...userOf(user, url),
          createdAt: record.createdAt,
          text,
          score: record.score,
          depth: 0,
          role: 'opening',
        }),
      );
      elements.set(fat.id, { post: fat, author: user?.parentElement ?? subtext });
      if (!record.title) problems.push('hackernews: story title not readable');
    } else {
      // Only the comment and its replies are on the page; the story is named by "on: …".
      const head = fat.querySelector('span.comhead:not(.sitebit)');
      const user = head?.querySelector('a.hnuser') ?? null;
      const onStory = fat.querySelector('span.onstory a[href*="item?id="]');
      thread = threadRecord(fat.id, {
        // The link text is cut ("…"); its title attribute, where present, is the whole title.
        title: onStory ? onStory.getAttribute('title')?.trim() || textOf(onStory) || null : null,
        url: itemUrl(fat.id, url, head?.querySelector('span.age')),
        author: user ? textOf(user) || null : null,
        createdAt: ageDate(head?.querySelector('span.age')),
      });
      posts.push(
        postRecord(fat.id, {
          ...userOf(user, url),
          createdAt: thread.createdAt,
          text: commentText(fatTable.querySelector('.commtext')),
          parentId: parentLink(head, url),
          depth: 0,
          role: 'opening',
        }),
      );
      elements.set(fat.id, { post: fat, author: user?.parentElement ?? head ?? null });
    }
  } else if (doc.querySelector('table.fatitem')) {
    problems.push('hackernews: item page without a readable item row');
  }

  // Comments, flat in tree order; parent = nearest preceding comment with a smaller depth.
  // Comment lists outside a thread (favorites, upvoted) use plain `tr.athing` rows with an
  // empty indent; there the "parent" link names the parent.
  const stack: Array<{ id: string; depth: number; author: string | null }> = [];
  for (const row of doc.querySelectorAll('tr.athing')) {
    if (row === fat || !isCommentRow(row)) continue;
    const id = row.id?.trim();
    if (!id || !/^\d+$/.test(id) || elements.has(id)) continue;
    const head = row.querySelector('span.comhead:not(.sitebit)');
    const user = head?.querySelector('a.hnuser') ?? null;
    const depth = depthOf(row);
    let parentId: string | null = null;
    let replyToUser: string | null = null;
    if (depth === null) {
      stack.length = 0;
      parentId = parentLink(head, url);
      if (!parentId && row.classList.contains('comtr')) problems.push(`hackernews: comment ${id} has no readable indent`);
    } else {
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (depth === 0) parentId = rootId ?? parentLink(head, url);
      else if (parent && parent.depth === depth - 1) {
        parentId = parent.id;
        replyToUser = parent.author;
      } else {
        // Truncated or paginated tree: fall back on the "parent" link where HN shows one.
        parentId = parentLink(head, url);
        if (!parentId) problems.push(`hackernews: comment ${id} has no parent on the page`);
      }
    }
    const who = userOf(user, url);
    const comment = row.querySelector('div.comment');
    const text = commentText(row.querySelector('.commtext'));
    const gone = /^\s*\[(deleted|dead|flagged)\]/i.test(textOf(comment, '.reply') || textOf(head));
    if (!who.author && !gone) problems.push(`hackernews: comment ${id} has no readable author`);
    const createdAt = ageDate(head?.querySelector('span.age') ?? row.querySelector('span.age'));
    if (!createdAt) problems.push(`hackernews: comment ${id} has no readable date`);
    posts.push(
      postRecord(id, {
        ...who,
        createdAt,
        text,
        parentId,
        depth,
        replyToUser,
        role: 'reply',
      }),
    );
    elements.set(id, { post: row, author: user?.parentElement ?? head ?? null });
    if (depth !== null) stack.push({ id, depth, author: who.author });
  }

  // Listing rows: stories outside the fat item.
  const listing: ThreadRecord[] = [];
  const listingElements = new Map<string, ListingElements>();
  if (!fat) {
    for (const row of doc.querySelectorAll('tr.athing')) {
      if (isCommentRow(row) || !/^\d+$/.test(row.id ?? '') || listingElements.has(row.id)) continue;
      const { record, titleEl } = storyThread(row, url);
      if (!record.title) problems.push(`hackernews: listed story ${row.id} has no readable title`);
      listing.push(record);
      listingElements.set(row.id, { row, title: titleEl });
    }
  }

  const kind = kindOf(doc, fat !== null, listing.length);
  const user = signedInUser(doc, url);
  return {
    page: pageRecord('hackernews', {
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

export const hackernewsAdapter: SiteAdapter = neverThrows({ engine: 'hackernews', detect, read });
