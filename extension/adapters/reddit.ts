import { neverThrows, page as pageRecord } from './records';
import {
  canonicalUrl,
  type DesignReading,
  effectiveUrl,
  isRedditHost,
  metaContent,
  pageThreadId,
  threadFromMeta,
} from './reddit/common';
import { isOldReddit, readOld } from './reddit/old';
import { isRedesign, readRedesign } from './reddit/redesign';
import { isShreddit, readShreddit } from './reddit/shreddit';
import type { AdapterResult, ListingElements, PostElements, SiteAdapter } from './types';

/**
 * Reddit, in its three designs, each read by its own module:
 *  - old Reddit (old.reddit.com; www.reddit.com until 2018): reddit/old.ts
 *  - the 2018-2023 React redesign: reddit/redesign.ts
 *  - the current web-component design "shreddit" (../shared/LIVE-DOM.md §2): reddit/shreddit.ts
 * The design is told from the DOM, not the host, so a saved page opened from another
 * URL reads the same. Post ids are Reddit fullnames (`t3_…` submission, `t1_…`
 * comments); the submission is the opening post, comments nest under it by parentId.
 */

type Design = 'shreddit' | 'old' | 'redesign';

/** Which design rendered the page: cheap signatures first, then scans for posts. */
function designOf(doc: Document): Design | null {
  if (isShreddit(doc)) return 'shreddit';
  if (isOldReddit(doc, false)) return 'old';
  if (isRedesign(doc, false)) return 'redesign';
  if (isOldReddit(doc)) return 'old';
  if (isRedesign(doc)) return 'redesign';
  return null;
}

function detect(doc: Document, url: URL): boolean {
  if (isRedditHost(url)) return true;
  if (designOf(doc) !== null) return true;
  // A saved Reddit page whose markup is none of the above: its head still says so.
  const site = metaContent(doc, 'og:site_name') ?? '';
  return /^reddit$/i.test(site) && canonicalUrl(doc, url) !== null;
}

function readDesign(doc: Document, url: URL, base: URL): DesignReading {
  const design = designOf(doc) ?? (/^old\./i.test(base.hostname) ? 'old' : null);
  if (design === 'shreddit') return readShreddit(doc, url, base);
  if (design === 'old') return readOld(doc, url, base);
  if (design === 'redesign') return readRedesign(doc, url, base);
  const id = pageThreadId(doc, url);
  return {
    kind: id ? 'thread' : 'other',
    thread: id ? threadFromMeta(doc, url, id) : null,
    posts: [],
    listing: [],
    user: null,
    problems: ['reddit: page layout not recognised; nothing read beyond the page meta'],
  };
}

function read(doc: Document, url: URL): AdapterResult {
  const base = effectiveUrl(doc, url);
  const r = readDesign(doc, url, base);
  const problems = [...r.problems];

  const posts = r.posts.map((d) => d.post);
  const opening = posts.find((p) => p.role === 'opening');
  if (r.thread && opening) {
    r.thread.author ??= opening.author;
    r.thread.createdAt ??= opening.createdAt;
    r.thread.score ??= opening.score;
  }
  const datesShown = !problems.some((p) => p.includes('relative dates'));
  for (const d of r.posts) {
    if (!d.post.author && !d.deleted) problems.push(`reddit: post ${d.post.id} has no readable author`);
    if (!d.post.createdAt && datesShown) problems.push(`reddit: post ${d.post.id} has no readable date`);
  }
  if (r.kind === 'thread' && posts.length === 0 && !problems.some((p) => /no post|nothing read/.test(p))) {
    problems.push('reddit: thread page with no posts rendered yet');
  }

  const elements = new Map<string, PostElements>();
  for (const d of r.posts) elements.set(d.post.id, d.elements);
  const listingElements = new Map<string, ListingElements>();
  for (const l of r.listing) listingElements.set(l.thread.id, l.elements);

  return {
    page: pageRecord('reddit', {
      kind: r.kind,
      thread: r.thread,
      posts,
      listing: r.listing.map((l) => l.thread),
      user: r.user ? { username: r.user } : null,
      problems,
    }),
    elements,
    ...(r.kind === 'listing' ? { listingElements } : {}),
  };
}

export const redditAdapter: SiteAdapter = neverThrows({ engine: 'reddit', detect, read });
