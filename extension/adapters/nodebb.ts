import { absoluteUrl, countOf, inertFragment, intAttr, isoDate, textOf } from './dom-text';
import { ajaxifyData, scriptJson } from './nodebb/script-json';
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
 * NodeBB 1.x (persona) to 4.x (harmony). Markup is keyed by `component="…"` attributes,
 * stable across themes: `[component="topic"][data-tid]` holds
 * `[component="post"][data-pid][data-index][data-username][data-timestamp]`.
 *
 * Live site: topics load by infinite scroll (posts are appended, and prepended when
 * scrolling up from a deep link; far-off posts may be removed again), and every
 * navigation is a single-page `ajaxify` transition that swaps `#content` without a page
 * load (the URL changes via history.pushState; NodeBB fires `action:ajaxify.end` on
 * window, which page scripts cannot see from an isolated world). The observer must
 * re-read on DOM changes under `[component="topic"]` and on URL changes.
 *
 * NodeBB's topic view is flat (posts in time order): a reply to an earlier post shows a
 * "parent" chip (`[component="post/parent"]`), read as parentId / replyToUser /
 * replyToNumber; depth stays 0. Expanding "N replies" renders copies of the replies inside
 * the post (`[component="post/replies/container"]`); those copies are not read again.
 */

const POST = '[component="post"][data-pid]';
const PARENT = '[component="post/parent"]';
const NOT_OWN = `${PARENT}, [component="post/content"], [component="post/replies/container"]`;

type Json = Record<string, any>;

function detect(doc: Document): boolean {
  return (
    doc.querySelector('script#ajaxify-data, script[src*="/nodebb.min.js"]') !== null ||
    doc.querySelector('[component="topic"][data-tid], [component="category/topic"][data-tid]') !== null ||
    doc.querySelector(`${POST}[data-timestamp]`) !== null
  );
}

/** Descendants of a post that belong to it, not to its parent chip, content or expanded replies. */
function own(post: Element, selector: string): Element[] {
  return [...post.querySelectorAll(selector)].filter((e) => e.closest(POST) === post && !e.parentElement?.closest(NOT_OWN));
}

function signedInt(v: string | null | undefined): number | null {
  const m = /^\s*([-−]?\d+)\s*$/.exec(v ?? '');
  return m ? Number(m[1]!.replace('−', '-')) : null;
}

/** A post's own words: quotes left out, with the "@user said in <topic>:" line before each. */
function postText(content: Element | null): string {
  if (!content) return '';
  const copy = content.cloneNode(true) as Element;
  for (const q of [...copy.querySelectorAll('blockquote')]) {
    const before = q.previousElementSibling;
    if (before?.tagName === 'P' && before.querySelector('a[href*="/post/"]') && /:\s*$/.test(before.textContent ?? '')) {
      before.remove();
    }
    q.remove();
  }
  return textOf(copy);
}

interface DomPost {
  post: PostRecord;
  elements: PostElements;
}

function readDomPost(el: Element, pid: string, base: URL): DomPost {
  const username = el.getAttribute('data-username')?.trim() || null;
  const link =
    own(el, 'a[data-username]')[0] ?? own(el, 'a[itemprop="author"]')[0] ?? own(el, '.post-header a[href*="/user/"]').find((a) => textOf(a)) ?? null;
  const shown = textOf(link) || null;
  const slug = el.getAttribute('data-userslug');
  const index = intAttr(el, 'data-index');
  const stamp = el.getAttribute('data-timestamp');
  const createdAt =
    (stamp && /^\d{10,}$/.test(stamp) ? isoDate(Number(stamp)) : null) ??
    isoDate(own(el, 'meta[itemprop="datePublished"]')[0]?.getAttribute('content')) ??
    isoDate(own(el, '.timeago[datetime]')[0]?.getAttribute('datetime')) ??
    isoDate(own(el, 'span.timeago[title]')[0]?.getAttribute('title'));
  const votes = own(el, '[component="post/vote-count"]')[0];
  const parent = [...el.querySelectorAll(PARENT)].find((p) => p.closest(POST) === el);
  const parentId = parent?.getAttribute('data-parent-pid') || parent?.getAttribute('data-topid') || null;
  // v4: the chip names the parent's author in a link; v1: its text is "@name".
  const parentUser =
    [...(parent?.querySelectorAll('a[href*="/user/"]') ?? [])].map((a) => textOf(a)).find(Boolean) ??
    (/^@(\S+)$/.exec(textOf(parent))?.[1] || null);
  return {
    post: postRecord(pid, {
      number: index !== null ? index + 1 : null,
      author: username ?? shown,
      authorName: shown && username && shown !== username ? shown : null,
      authorUrl: absoluteUrl(link?.getAttribute('href') ?? (slug ? `/user/${encodeURIComponent(slug)}` : null), base),
      createdAt,
      text: postText(own(el, '[component="post/content"]')[0] ?? el.querySelector('[component="post/content"]')),
      score: signedInt(votes?.getAttribute('data-votes')) ?? signedInt(textOf(votes)),
      parentId,
      replyToUser: parentUser,
      depth: 0,
    }),
    elements: { post: el, author: link?.closest('strong') ?? link?.parentElement ?? null },
  };
}

function jsonPost(doc: Document, p: Json, base: URL): PostRecord | null {
  if (!p || (typeof p.pid !== 'number' && typeof p.pid !== 'string') || p.deleted === 1) return null;
  const user: Json = p.user && typeof p.user === 'object' ? p.user : {};
  const display = typeof user.displayname === 'string' && user.displayname !== user.username ? user.displayname : null;
  return postRecord(String(p.pid), {
    number: typeof p.index === 'number' ? p.index + 1 : null,
    author: typeof user.username === 'string' ? user.username : null,
    authorName: display,
    authorUrl: typeof user.userslug === 'string' && user.userslug ? absoluteUrl(`/user/${user.userslug}`, base) : null,
    createdAt: isoDate(p.timestampISO) ?? (typeof p.timestamp === 'number' ? isoDate(p.timestamp) : null),
    text: postText(inertFragment(doc, typeof p.content === 'string' ? p.content : '')),
    score: typeof p.votes === 'number' ? p.votes : null,
    parentId: p.toPid !== undefined && p.toPid !== null && p.toPid !== '' ? String(p.toPid) : null,
    replyToUser: typeof p.parent?.username === 'string' ? p.parent.username : null,
    depth: 0,
  });
}

function mergePost(dom: PostRecord | undefined, json: PostRecord | undefined): PostRecord {
  if (!dom) return json!;
  if (!json) return dom;
  const out: PostRecord = { ...dom };
  for (const [k, v] of Object.entries(json) as Array<[keyof PostRecord, never]>) {
    if ((out[k] === null || out[k] === '') && v !== null) out[k] = v;
  }
  return out;
}

function topicIdOf(doc: Document, url: URL, data: Json | null): string | null {
  const attr = doc.querySelector('[component="topic"][data-tid]')?.getAttribute('data-tid');
  if (attr && /^\d+$/.test(attr)) return attr;
  if (data && (typeof data.tid === 'number' || /^\d+$/.test(String(data.tid ?? '')))) return String(data.tid);
  for (const href of [
    url.href,
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ]) {
    if (!href) continue;
    try {
      const m = /\/topic\/(\d+)(?:\/|$)/.exec(new URL(href, url).pathname);
      if (m) return m[1]!;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function statNumber(scope: ParentNode, iconClass: string): number | null {
  for (const stat of scope.querySelectorAll('.stats')) {
    if (!stat.querySelector(`i.${iconClass}`)) continue;
    const n = stat.querySelector('[title]:not(i)');
    return countOf(n?.getAttribute('title')) ?? countOf(textOf(n));
  }
  return null;
}

function readThread(doc: Document, url: URL, id: string, data: Json | null, posts: PostRecord[]): ThreadRecord {
  const opening = posts.find((p) => p.number === 1) ?? null;
  const microdata = doc.querySelector('[itemtype$="DiscussionForumPosting"]');
  const crumbs = [...doc.querySelectorAll('.breadcrumb li, ol.breadcrumb > li')].filter(
    (li) => li.getAttribute('component') !== 'breadcrumb/current',
  );
  const tagEls = doc.querySelectorAll('[component="topic/tags"] [data-tag], .topic .tags [data-tag]');
  const domTags = [...tagEls].map((t) => t.getAttribute('data-tag') || textOf(t)).filter(Boolean);
  const jsonTags: string[] = Array.isArray(data?.tags)
    ? data!.tags.map((t: unknown) => (typeof t === 'string' ? t : (t as Json)?.value)).filter((t: unknown) => typeof t === 'string')
    : [];
  const postCountEl = doc.querySelector('[component="topic/post-count"]');
  const postCount =
    countOf(postCountEl?.getAttribute('title')) ?? countOf(textOf(postCountEl)) ?? (typeof data?.postcount === 'number' ? data.postcount : null);
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
    `/topic/${id}`;
  return threadRecord(id, {
    title:
      textOf(doc.querySelector('[component="topic/title"]')) ||
      (typeof data?.titleRaw === 'string' ? data.titleRaw : null) ||
      doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() ||
      null,
    url: absoluteUrl(canonical, url),
    category:
      textOf(doc.querySelector('[component="topic/category"]')) ||
      (crumbs.length > 1 ? textOf(crumbs[crumbs.length - 1]!.querySelector('[itemprop="name"], [itemprop="title"]')) : '') ||
      (typeof data?.category?.name === 'string' ? data.category.name : null) ||
      doc.querySelector('meta[property="article:section"]')?.getAttribute('content') ||
      null,
    tags: [...new Set(domTags.length ? domTags : jsonTags)],
    author:
      opening?.author ??
      (microdata?.querySelector(':scope > [itemprop="author"] meta[itemprop="name"]')?.getAttribute('content') || null),
    createdAt:
      isoDate(doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content')) ??
      isoDate(data?.timestampISO) ??
      isoDate(microdata?.querySelector(':scope > meta[itemprop="datePublished"]')?.getAttribute('content')) ??
      opening?.createdAt ??
      null,
    replyCount: postCount !== null && postCount > 0 ? postCount - 1 : null,
    viewCount: typeof data?.viewcount === 'number' ? data.viewcount : statNumber(doc.querySelector('[component="topic/stats"]') ?? doc, 'fa-eye'),
    score: typeof data?.votes === 'number' ? data.votes : (opening?.score ?? null),
  });
}

/** Topic lists (recent, popular, unread, category pages): `[component="category/topic"][data-tid]`. */
function readListing(doc: Document, url: URL) {
  const listing: ThreadRecord[] = [];
  const listingElements = new Map<string, ListingElements>();
  for (const row of doc.querySelectorAll('[component="category/topic"][data-tid]')) {
    const id = row.getAttribute('data-tid')!.trim();
    if (!id || listingElements.has(id)) continue;
    const title = row.querySelector('[component="topic/header"] a[href]') ?? row.querySelector('a[href*="/topic/"]');
    const href = title?.getAttribute('href') ?? row.querySelector('link[itemprop="url"]')?.getAttribute('content');
    const notTeaser = (e: Element) => !e.closest('[component="topic/teaser"], .teaser');
    const avatar = [...row.querySelectorAll('[component="avatar/icon"], [component="user/picture"]')].find(notTeaser);
    const created =
      [...row.querySelectorAll('a.timeago[datetime]')].find((a) => notTeaser(a) && href && a.getAttribute('href') === href)?.getAttribute('datetime') ??
      [...row.querySelectorAll('span.timeago[title]')].find(notTeaser)?.getAttribute('title');
    const stat = (cls: string) => {
      const n = row.querySelector(`.${cls} [title]`);
      return n ? (signedInt(n.getAttribute('title')) ?? countOf(textOf(n))) : null;
    };
    const posts = stat('stats-postcount') ?? countOf(textOf(row.querySelector('[component="topic/post-count"]')));
    listing.push(
      threadRecord(id, {
        title: textOf(title) || row.querySelector('meta[itemprop="name"]')?.getAttribute('content') || null,
        url: absoluteUrl(href, url),
        category: textOf(row.querySelector('[component="topic/category"]')) || null,
        tags: [...row.querySelectorAll('[data-tag]')].map((t) => t.getAttribute('data-tag')!).filter(Boolean),
        author: avatar?.getAttribute('title') || avatar?.getAttribute('alt') || avatar?.closest('a[title]')?.getAttribute('title') || null,
        createdAt: isoDate(created),
        replyCount: posts !== null && posts > 0 ? posts - 1 : null,
        viewCount: stat('stats-viewcount'),
        score: stat('stats-votes'),
      }),
    );
    listingElements.set(id, { row, title: title ?? null });
  }
  return { listing, listingElements };
}

function signedInUser(doc: Document, data: Json | null, problems: string[]): string | null {
  const user = scriptJson(doc, 'user', problems);
  const config = scriptJson(doc, 'config', problems);
  for (const u of [user, data?.loggedInUser]) {
    if (u && typeof u === 'object') {
      return Number(u.uid) > 0 && typeof u.username === 'string' && u.username ? u.username : null;
    }
  }
  if (config?.loggedIn === false) return null;
  // Header of a signed-in page (no JSON readable): #user_label[title] / #user-header-name.
  return (
    doc.querySelector('#user_label[title]')?.getAttribute('title')?.trim() ||
    textOf(doc.querySelector('#user-header-name')) ||
    null
  );
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const data = ajaxifyData(doc, problems);
  const topicRoot =
    doc.querySelector('[component="topic"]') ??
    (/^\/topic\//.test(url.pathname) || /\bpage-topic\b/.test(doc.body?.className ?? '') ? doc : null);

  const dom: DomPost[] = [];
  const seen = new Set<string>();
  for (const el of topicRoot?.querySelectorAll(POST) ?? []) {
    const pid = el.getAttribute('data-pid')?.trim();
    if (!pid || pid.length > 300 || seen.has(pid)) continue;
    if (el.parentElement?.closest(POST)) continue; // an expanded reply shown inside its parent
    seen.add(pid);
    dom.push(readDomPost(el, pid, url));
  }

  const id = topicIdOf(doc, url, data);
  const json = new Map<string, PostRecord>();
  const dataIsTopic = data && id && String(data.tid) === id && Array.isArray(data.posts);
  if (dataIsTopic) {
    for (const p of data!.posts as Json[]) {
      const r = jsonPost(doc, p, url);
      if (r) json.set(r.id, r);
    }
  }
  const domById = new Map(dom.map((d) => [d.post.id, d.post]));
  const ids = [...new Set([...dom.map((d) => d.post.id), ...json.keys()])];
  const posts = ids
    .map((i) => mergePost(domById.get(i), json.get(i)))
    .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER));
  const byId = new Map(posts.map((p) => [p.id, p]));
  for (const p of posts) {
    const parent = p.parentId ? byId.get(p.parentId) : undefined;
    if (parent) {
      p.replyToNumber = parent.number;
      p.replyToUser = parent.author ?? p.replyToUser;
    }
    p.role = p.number === 1 ? 'opening' : 'reply';
    if (!p.author) problems.push(`nodebb: post ${p.id} has no readable author`);
    if (!p.createdAt) problems.push(`nodebb: post ${p.id} has no readable date`);
  }

  const isTopic = posts.length > 0 || doc.querySelector('[component="topic"]') !== null || /^\/topic\/\d+/.test(url.pathname);
  const { listing, listingElements } = isTopic ? { listing: [], listingElements: new Map() } : readListing(doc, url);
  const kind: PageKind = isTopic ? 'thread' : listing.length > 0 ? 'listing' : /^\/(?:user|uid)\//.test(url.pathname) ? 'profile' : 'other';
  if (kind === 'thread' && posts.length === 0) problems.push('nodebb: topic page with no posts rendered yet');
  if (kind === 'thread' && !id) problems.push('nodebb: no topic id on the page');

  const user = signedInUser(doc, data, problems);
  return {
    page: pageRecord('nodebb', {
      kind,
      thread: kind === 'thread' && id ? readThread(doc, url, id, dataIsTopic ? data : null, posts) : null,
      posts,
      listing,
      user: user ? { username: user } : null,
      problems,
    }),
    elements: new Map(dom.map((d) => [d.post.id, d.elements])),
    ...(kind === 'listing' ? { listingElements } : {}),
  };
}

export const nodebbAdapter: SiteAdapter = neverThrows({ engine: 'nodebb', detect, read });
