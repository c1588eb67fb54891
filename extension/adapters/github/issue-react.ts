import { textOf } from '../dom-text';
import { post as postRecord } from '../records';
import { bodyText, type DomPost, loginFromHref, profileUrl, thumbsUp, timeOf } from './common';

/**
 * Issues as GitHub's React issue viewer renders them (checked against the saved
 * kepano/defuddle#56 page, ../shared/data/forums/github/): the opening post is
 * `[data-testid=issue-body]` inside `[data-testid=issue-viewer-issue-container]`, with
 * `[data-testid=issue-body-header-author]` and `a[data-testid=issue-body-header-link]`
 * (href `#issue-<id>`, holding `relative-time[datetime]`); each comment is a
 * `[data-testid=comment-header]#issuecomment-<id>` with `a[data-testid=avatar-link]`,
 * followed by its `[data-testid=markdown-body]`, inside
 * `[data-testid=comment-viewer-outer-box-<node id>]`. Class names are hashed per build
 * (`ActivityHeader-module__…`), so only data-testid, ids and element names are used.
 *
 * Live page: long issues render the first and last part of the timeline with a
 * "Load more" button between them that inserts the hidden comments in place; new comments
 * stream in at the end (live updates); navigation between issues is a React soft
 * navigation (`soft-nav:react-done`), the document is not reloaded.
 */
const ISSUE_BODY = '[data-testid="issue-body"]';
const COMMENT_HEADER = '[data-testid="comment-header"]';
const COMMENT_BOX = '[data-testid^="comment-viewer-outer-box"], .react-issue-comment';
const REACTIONS = '[role="toolbar"][aria-label="Reactions"]';

export function hasReactIssue(doc: ParentNode): boolean {
  return doc.querySelector(`[data-testid="issue-viewer-issue-container"], ${ISSUE_BODY}, [data-testid="issue-title"]`) !== null;
}

function authorParts(link: Element | null, base: URL) {
  const href = link?.getAttribute('href') ?? null;
  const login = textOf(link).replace(/^@/, '') || loginFromHref(link?.getAttribute('data-hovercard-url') ?? href, base);
  return { author: login || null, authorUrl: profileUrl(href, base) };
}

export function readReactOpening(doc: ParentNode, base: URL, fallbackId: string | null): DomPost | null {
  const container = doc.querySelector('[data-testid="issue-viewer-issue-container"]');
  const body = container?.querySelector(ISSUE_BODY) ?? doc.querySelector(ISSUE_BODY);
  if (!body) return null;
  const link = body.querySelector('[data-testid="issue-body-header-author"]');
  const headerLink = body.querySelector('a[data-testid="issue-body-header-link"]');
  const hash = /#(issue-\d+)$/.exec(headerLink?.getAttribute('href') ?? '')?.[1] ?? null;
  const id = hash ?? fallbackId;
  if (!id) return null;
  const { author, authorUrl } = authorParts(link, base);
  return {
    post: postRecord(id, {
      author,
      authorUrl,
      createdAt: timeOf(headerLink?.querySelector('relative-time[datetime]') ?? body.querySelector('relative-time[datetime]')),
      text: bodyText(body.querySelector('[data-testid="issue-body-viewer"] [data-testid="markdown-body"], [data-testid="markdown-body"], .markdown-body')),
      likeCount: thumbsUp(body.querySelector(REACTIONS)),
      depth: 0,
      role: 'opening',
    }),
    elements: { post: body, author: link?.parentElement ?? link ?? null },
  };
}

export function readReactComments(doc: ParentNode, base: URL): DomPost[] {
  const out: DomPost[] = [];
  const seen = new Set<string>();
  for (const header of doc.querySelectorAll(COMMENT_HEADER)) {
    if (header.closest(ISSUE_BODY)) continue;
    const box = header.closest(COMMENT_BOX) ?? header.parentElement ?? header;
    const permalink = header.querySelector('a[href*="#issuecomment-"]')?.getAttribute('href');
    const id = /^issuecomment-\d+$/.test(header.id) ? header.id : /#(issuecomment-\d+)$/.exec(permalink ?? '')?.[1];
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const link = header.querySelector('a[data-testid="avatar-link"]');
    const { author, authorUrl } = authorParts(link, base);
    // The sr-only <h3> ("jmorrell commented <relative-time>") and the visible permalink
    // carry the same datetime; prefer the permalink's.
    const time = header.querySelector('a[href*="#issuecomment-"] relative-time[datetime]') ?? header.querySelector('relative-time[datetime]');
    out.push({
      post: postRecord(id, {
        author,
        authorUrl,
        createdAt: timeOf(time),
        text: bodyText(box.querySelector('[data-testid="markdown-body"]')),
        likeCount: thumbsUp(box.querySelector(REACTIONS)),
        depth: 0,
        role: 'reply',
      }),
      elements: { post: header.closest('[data-wrapper-timeline-id]') ?? box, author: link?.parentElement ?? link ?? null },
    });
  }
  return out;
}
