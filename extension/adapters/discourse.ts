import { absoluteUrl, inertFragment, isoDate, textOf } from './dom-text';
import { readCrawlerPosts } from './discourse/crawler-view';
import { type DomPost, readEmberPosts } from './discourse/ember-dom';
import { readPreloaded } from './discourse/preloaded';
import { readTopicList } from './discourse/topic-list';
import { neverThrows, page as pageRecord, thread as threadRecord } from './records';
import type { AdapterResult, PageKind, PostElements, PostRecord, SiteAdapter, ThreadRecord } from './types';

/**
 * Discourse: the live Ember DOM, the no-JS crawler view, and the preloaded JSON store.
 * The engine's JSON is preferred for data where the page carries it (ids, numbers,
 * reply-to, like counts); the DOM gives the text and the elements to anchor UI to.
 * References: ../shared/LIVE-DOM.md §1 (Discourse's post.gjs, poster-name.gjs, …).
 */

const TOPIC_PATH = /^\/t\/(?:[^/]*[^\d/][^/]*\/)?(\d+)(?:\/(\d+))?\/?$/;

function generator(doc: Document): string {
  return doc.querySelector('meta[name="generator"]')?.getAttribute('content') ?? '';
}

function detect(doc: Document): boolean {
  return (
    /^Discourse\b/.test(generator(doc)) ||
    doc.getElementById('data-discourse-setup') !== null ||
    (doc.getElementById('data-preloaded') !== null && doc.querySelector('#main-outlet, section#main') !== null)
  );
}

function topicIdOf(doc: Document, url: URL): string | null {
  const fromPath = TOPIC_PATH.exec(url.pathname)?.[1];
  if (fromPath) return fromPath;
  const attr = doc
    .querySelector('section#topic[data-topic-id], #topic-title [data-topic-id], article[data-topic-id]')
    ?.getAttribute('data-topic-id');
  if (attr && /^\d+$/.test(attr)) return attr;
  for (const path of [
    doc.querySelector('noscript[data-path]')?.getAttribute('data-path'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
  ]) {
    if (!path) continue;
    try {
      const id = TOPIC_PATH.exec(new URL(path, url).pathname)?.[1];
      if (id) return id;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function kindOf(doc: Document, url: URL, topicId: string | null, postCount: number): PageKind {
  if (topicId && (postCount > 0 || TOPIC_PATH.test(url.pathname))) return 'thread';
  if (doc.querySelector('table.topic-list, .topic-list-item')) return 'listing';
  if (/^\/u\/[^/]+/.test(url.pathname)) return 'profile';
  return 'other';
}

/** The crawler view, when the page only has it inside a `<noscript>` kept as text (scripting on). */
function noscriptCrawlerRoot(doc: Document): ParentNode | null {
  for (const ns of doc.querySelectorAll('noscript')) {
    if (ns.children.length > 0 || !/crawler-post|DiscussionForumPosting/.test(ns.textContent ?? '')) continue;
    return inertFragment(doc, ns.textContent ?? '');
  }
  return null;
}

function domThread(doc: Document, url: URL, topicId: string, first: PostRecord | undefined): ThreadRecord {
  const title =
    textOf(doc.querySelector('#topic-title .fancy-title, #topic-title h1')) ||
    textOf(doc.querySelector('h1.crawler-topic-title')) ||
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() ||
    null;
  const category =
    textOf(doc.querySelector('.topic-category .badge-category__name, #topic-title .badge-category__name')) ||
    textOf(doc.querySelector('#breadcrumbs [itemprop="itemListElement"]:last-of-type .category-title')) ||
    null;
  const tags = [...doc.querySelectorAll('.topic-category .discourse-tag, .list-tags .discourse-tag, .discourse-tags .discourse-tag')]
    .map((t) => t.getAttribute('data-tag-name') || textOf(t))
    .filter((t, i, all) => t && all.indexOf(t) === i);
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
    /^\/t\/(?:[^/]*[^\d/][^/]*\/)?\d+/.exec(url.pathname)?.[0];
  return threadRecord(topicId, {
    title,
    url: absoluteUrl(canonical, url),
    category,
    tags,
    author: first?.number === 1 ? first.author : null,
    createdAt:
      isoDate(doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content')) ??
      (first?.number === 1 ? first.createdAt : null),
  });
}

/** JSON fields win where present; the DOM fills the rest (text, profile URL, display name). */
function merge(json: PostRecord | undefined, dom: PostRecord | undefined): PostRecord {
  if (!json) return dom!;
  if (!dom) return json;
  const out: PostRecord = { ...dom };
  for (const [k, v] of Object.entries(json) as Array<[keyof PostRecord, never]>) {
    if (v !== null && v !== '') out[k] = v;
  }
  if (dom.text) out.text = dom.text;
  return out;
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const topicId = topicIdOf(doc, url);
  const preloaded = readPreloaded(doc, topicId, url, problems);

  let domPosts: DomPost[] = readEmberPosts(doc, url);
  if (domPosts.length === 0 && topicId) {
    domPosts = readCrawlerPosts(doc, topicId, url);
    if (domPosts.length === 0) {
      const inert = noscriptCrawlerRoot(doc);
      if (inert) {
        domPosts = readCrawlerPosts(inert, topicId, url);
        if (domPosts.length > 0) problems.push('discourse: posts read from the <noscript> crawler view; nothing to anchor to');
      }
    }
  }

  // Crawler posts have no ids: adopt the JSON post of the same number when there is one.
  const jsonByNumber = new Map(preloaded.posts.filter((p) => p.number !== null).map((p) => [p.number!, p]));
  for (const d of domPosts) {
    const j = d.post.number !== null ? jsonByNumber.get(d.post.number) : undefined;
    if (j && !/^\d+$/.test(d.post.id)) d.post.id = j.id;
  }

  const domById = new Map(domPosts.map((d) => [d.post.id, d]));
  const jsonById = new Map(preloaded.posts.map((p) => [p.id, p]));
  const ids = [...new Set([...preloaded.posts.map((p) => p.id), ...domPosts.map((d) => d.post.id)])];
  const posts = ids
    .map((id) => merge(jsonById.get(id), domById.get(id)?.post))
    .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER));

  const elements = new Map<string, PostElements>();
  // Elements of an inert copy (the <noscript> text) are not on the page: nothing to anchor to.
  for (const d of domPosts) if (d.elements.post.ownerDocument === doc) elements.set(d.post.id, d.elements);

  const thread = topicId ? (preloaded.thread ?? domThread(doc, url, topicId, posts[0])) : null;
  if (thread && !thread.author && posts[0]?.number === 1) thread.author = posts[0].author;

  for (const p of posts) {
    if (!p.author) problems.push(`discourse: post ${p.id} has no readable author`);
    if (!p.createdAt) problems.push(`discourse: post ${p.id} has no readable date`);
  }
  const kind = kindOf(doc, url, topicId, posts.length);
  if (kind === 'thread' && posts.length === 0) problems.push('discourse: thread page with no posts rendered yet');

  for (const p of posts) p.role = p.number === 1 ? 'opening' : 'reply';
  const list = kind === 'listing' ? readTopicList(doc, url) : null;
  return {
    page: pageRecord('discourse', {
      kind,
      thread,
      posts,
      listing: list?.listing ?? [],
      user: preloaded.user ? { username: preloaded.user } : null,
      problems,
    }),
    elements,
    ...(list ? { listingElements: list.elements } : {}),
  };
}

export const discourseAdapter: SiteAdapter = neverThrows({ engine: 'discourse', detect, read });
