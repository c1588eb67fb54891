import { absoluteUrl, textOf } from './dom-text';
import { type DomPost } from './github/common';
import { hasLegacyDiscussion, readLegacyDiscussion } from './github/discussion';
import { hasReactIssue, readReactComments, readReactOpening } from './github/issue-react';
import { neverThrows, page as pageRecord, thread as threadRecord } from './records';
import type { AdapterResult, PageKind, PostElements, SiteAdapter, ThreadRecord } from './types';

/**
 * GitHub issues (React issue viewer, checked against a saved page) and Discussions
 * (server-rendered markup reconstructed from ../shared/LIVE-DOM.md §3; no saved page).
 *
 * - Thread id: GitHub's own reference, `owner/repo#number` (`orgs/<org>#number` for
 *   organisation discussions); post ids are the page's permalink anchors: `issue-<id>`,
 *   `issuecomment-<id>`, `discussion-<id>`, `discussioncomment-<id>`.
 * - `author` is the login; `likeCount` is the 👍 reaction count (0 when the reaction bar
 *   shows none); `score` is a discussion post's upvote count.
 * - Issues are flat (depth 0). Discussions nest one level: a reply has depth 1 and the
 *   comment it belongs to as parentId. In Q&A discussions top-level comments are
 *   answers (isAccepted true/false) and their replies comments (a reply can be the answer too).
 * - Signed-in user: `meta[name="user-login"]` (empty when signed out).
 *
 * Live site: GitHub changes pages without reloading (Turbo `turbo:render` on
 * server-rendered pages, React soft navigation `soft-nav:react-done`), so the same
 * document moves from one issue or discussion to another; "Load more" buttons insert
 * hidden comments in the middle of the timeline, and new comments stream in at the end.
 */

const ROUTE = /^\/(?:(orgs)\/([^/]+)|([^/]+)\/([^/]+))\/(issues|discussions|pull)\/(\d+)(?:[/?#]|$)/;

interface Route {
  kind: 'issue' | 'discussion' | 'pull';
  thread: string;
  canonical: string;
}

function routeOf(path: string): Route | null {
  const m = ROUTE.exec(path);
  if (!m) return null;
  const [, orgs, org, owner, repo, type, n] = m;
  const thread = orgs ? `orgs/${org}#${n}` : `${owner}/${repo}#${n}`;
  const canonical = orgs ? `/orgs/${org}/discussions/${n}` : `/${owner}/${repo}/${type}/${n}`;
  return { kind: type === 'issues' ? 'issue' : type === 'discussions' ? 'discussion' : 'pull', thread, canonical };
}

/** The page's route: from its URL on github.com, else from its canonical / og:url (saved copies). */
function pageRoute(doc: Document, url: URL): Route | null {
  if (/(^|\.)github\.com$/i.test(url.hostname)) {
    const r = routeOf(url.pathname);
    if (r) return r;
  }
  for (const href of [
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    url.href,
  ]) {
    if (!href) continue;
    try {
      const r = routeOf(new URL(href, url).pathname);
      if (r) return r;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function detect(doc: Document, url: URL): boolean {
  if (/^(www\.)?github\.com$/i.test(url.hostname)) return true;
  return (
    doc.querySelector('meta[name="hostname"][content="github.com"], meta[name="expected-hostname"][content="github.com"]') !== null ||
    doc.querySelector('meta[property="og:site_name"][content="GitHub"]') !== null ||
    doc.querySelector('link[rel="stylesheet"][href^="https://github.githubassets.com/"]') !== null
  );
}

function siteBase(doc: Document, url: URL): URL {
  if (/(^|\.)github\.com$/i.test(url.hostname)) return url;
  const canonical = absoluteUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), url);
  return canonical ? new URL(canonical) : url;
}

/** og:title is "Title · Issue #56 · owner/repo" / "Title · owner/repo · Discussion #42". */
function titleFromMeta(doc: Document): string | null {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim();
  if (!og) return null;
  return og.replace(/\s+·\s+(Issue|Discussion|Pull Request) #\d+.*$/, '').replace(/\s+·\s+[^·]+\/[^·]+$/, '').trim() || null;
}

function readThread(doc: Document, base: URL, route: Route, first: DomPost | undefined): ThreadRecord {
  const title =
    textOf(doc.querySelector('[data-testid="issue-title"]')) ||
    textOf(doc.querySelector('.js-issue-title')) ||
    textOf(doc.querySelector('h1 bdi.markdown-title')) ||
    titleFromMeta(doc);
  const labels = [
    ...doc.querySelectorAll('[data-testid="issue-labels"] a, #partial-discussion-sidebar .IssueLabel, .js-issue-labels .IssueLabel'),
  ]
    .map((l) => l.getAttribute('data-name') || textOf(l))
    .filter((t, i, all) => t && all.indexOf(t) === i);
  const category =
    textOf(doc.querySelector('#partial-discussion-sidebar a[href*="/discussions/categories/"]')) ||
    textOf(doc.querySelector('#partial-discussion-header a[href*="/discussions/categories/"], a[href*="/discussions/categories/"]')) ||
    null;
  const countEl = doc.querySelector('#discussion-comment-count');
  const counts = [...textOf(countEl).matchAll(/(\d[\d,]*)/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return threadRecord(route.thread, {
    title,
    url: absoluteUrl(canonical, base) ?? new URL(route.canonical, 'https://github.com/').href,
    category,
    tags: labels,
    author: first?.post.author ?? doc.querySelector('meta[property="og:author:username"]')?.getAttribute('content') ?? null,
    createdAt: first?.post.createdAt ?? null,
    // "3 answers · 2 replies": every post but the opening one, as the page counts them.
    replyCount: counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : null,
    likeCount: first?.post.likeCount ?? null,
    score: first?.post.score ?? null,
  });
}

function read(doc: Document, url: URL): AdapterResult {
  const problems: string[] = [];
  const base = siteBase(doc, url);
  const route = pageRoute(doc, url);
  const login = doc.querySelector('meta[name="user-login"]')?.getAttribute('content')?.trim();
  const user = login ? { username: login } : null;

  let dom: DomPost[] = [];
  const isDiscussion = route?.kind === 'discussion' || (!route && hasLegacyDiscussion(doc) && !hasReactIssue(doc));
  if (isDiscussion) {
    dom = readLegacyDiscussion(doc, base).posts;
    if (dom.length === 0 && hasReactIssue(doc)) {
      // Not confirmed that discussions use the React viewer; try it before giving up.
      const opening = readReactOpening(doc, base, null);
      dom = [...(opening ? [opening] : []), ...readReactComments(doc, base)];
      if (dom.length > 0) problems.push('github: discussion read with the issue (React) reader; nesting and answers not read');
    }
  } else if (route?.kind === 'issue' || (!route && hasReactIssue(doc))) {
    const fallbackId = /^issue:(\d+)$/.exec(doc.querySelector('meta[name="hovercard-subject-tag"]')?.getAttribute('content') ?? '')?.[1];
    const opening = readReactOpening(doc, base, fallbackId ? `issue-${fallbackId}` : null);
    dom = [...(opening ? [opening] : []), ...readReactComments(doc, base)];
    if (!opening && dom.length > 0) problems.push('github: the issue body is missing or has no id');
  } else if (route?.kind === 'pull') {
    problems.push('github: pull request conversations are not read');
  }

  const posts = dom.map((d) => d.post);
  const elements = new Map<string, PostElements>();
  for (const d of dom) if (!elements.has(d.post.id)) elements.set(d.post.id, d.elements);

  let kind: PageKind = 'other';
  let thread: ThreadRecord | null = null;
  if (route && route.kind !== 'pull') {
    kind = 'thread';
    thread = readThread(doc, base, route, dom[0]?.post.role === 'opening' ? dom[0] : undefined);
    if (posts.length === 0) problems.push(`github: ${route.kind} page with no posts rendered (yet)`);
  } else if (!route && posts.length > 0) {
    problems.push('github: could not tell which issue or discussion this page is');
  }
  for (const p of posts) {
    if (!p.author) problems.push(`github: post ${p.id} has no readable author`);
    if (!p.createdAt) problems.push(`github: post ${p.id} has no readable date`);
  }
  return { page: pageRecord('github', { kind, thread, posts, user, problems }), elements };
}

export const githubAdapter: SiteAdapter = neverThrows({ engine: 'github', detect, read });
