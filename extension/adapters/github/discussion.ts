import { countOf, textOf } from '../dom-text';
import { post as postRecord } from '../records';
import { bodyText, type DomPost, loginFromHref, profileUrl, thumbsUp, timeOf } from './common';

/**
 * GitHub Discussions, server-rendered ("legacy") markup. No saved discussion page exists;
 * this follows ../shared/LIVE-DOM.md §3 (refined-github, github-url-detection, the
 * Norfeldt reactions extension and the scrapers cited there), which the reconstructed
 * fixture extension/test/fixtures/github-discussion.reconstructed.html mirrors:
 *
 * - the opening post is `div#discussion-<dbId>` (not `#discussion_bucket` nor
 *   `#discussion-comment-count`), each comment `div#discussioncomment-<id>`;
 * - replies to a comment sit one level deep in its `[data-child-comments]` container as
 *   `.js-comment-container` elements (with their own `#discussioncomment-<id>`);
 * - author `a.author` (else a `data-hovercard-type=user` link in the header), time
 *   `a.js-timestamp relative-time[datetime]`, body `td.comment-body`, upvotes in
 *   `.discussion-vote-form` (`.js-default-vote-count`, or `.js-upvoted-vote-count` when
 *   the viewer upvoted: `data-upvoted="true"`), reactions `.js-comment-reactions-options`;
 * - the chosen answer: `section[aria-label="Marked as Answer"]` (around or inside the answer),
 *   `.timeline-chosen-answer`, and the header's "Answered" link to `#discussioncomment-<id>`.
 *
 * Everything nested inside a comment (its replies) must not be read as the comment's own
 * author/time/body, so every lookup keeps only matches whose nearest post is the post.
 *
 * Live page: comments beyond the first batch and long reply threads load on "Load more"
 * / "Show N more replies" clicks (inserted in place); new comments arrive over the socket
 * into `.js-discussion`; navigation is Turbo (`turbo:render`), no full reload.
 */
const ROOT_ID = /^discussion(comment)?-\d+$/;
const ROOT_CANDIDATES = '[id^="discussion-"], [id^="discussioncomment-"]';
const ANSWER_MARK = 'section[aria-label="Marked as Answer"]';

export function hasLegacyDiscussion(doc: ParentNode): boolean {
  return [...doc.querySelectorAll(ROOT_CANDIDATES)].some((e) => ROOT_ID.test(e.id)) || doc.querySelector('.js-discussion') !== null;
}

function idFromPermalink(el: Element): string | null {
  const href = el.querySelector('a.js-timestamp[href*="#discussioncomment-"], a[href^="#discussioncomment-"]')?.getAttribute('href') ?? '';
  return /#(discussioncomment-\d+)$/.exec(href)?.[1] ?? null;
}

interface Root {
  el: Element;
  id: string;
}

function findRoots(doc: ParentNode): Root[] {
  const roots: Root[] = [...doc.querySelectorAll(ROOT_CANDIDATES)].filter((e) => ROOT_ID.test(e.id)).map((el) => ({ el, id: el.id }));
  const known = new Set(roots.map((r) => r.el));
  // Replies rendered without an id of their own: identify them by their permalink.
  for (const el of doc.querySelectorAll('[data-child-comments] .js-comment-container')) {
    if (known.has(el) || [...known].some((k) => el.contains(k))) continue;
    const id = idFromPermalink(el);
    if (id && !roots.some((r) => r.id === id)) {
      roots.push({ el, id });
      known.add(el);
    }
  }
  // Document order.
  return roots.sort((a, b) => (a.el.compareDocumentPosition(b.el) & 4 ? -1 : 1));
}

export function readLegacyDiscussion(doc: ParentNode, base: URL): { posts: DomPost[]; answerable: boolean } {
  const roots = findRoots(doc);
  const rootSet = new Map(roots.map((r) => [r.el, r]));
  const ownerOf = (el: Element | null): Root | null => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const r = rootSet.get(e);
      if (r) return r;
    }
    return null;
  };
  const own = (root: Root, selector: string): Element[] => [...root.el.querySelectorAll(selector)].filter((e) => ownerOf(e) === root);
  const ownFirst = (root: Root, selector: string): Element | null => own(root, selector)[0] ?? null;

  // Accepted answer: the comment around the marker; or, when the marker wraps the comment
  // from outside, the outermost comment inside it (not the replies nested in that one).
  const accepted = new Set<string>();
  for (const mark of doc.querySelectorAll(`${ANSWER_MARK}, .timeline-chosen-answer`)) {
    const around = ownerOf(mark);
    const owner =
      around && around.id.startsWith('discussioncomment-')
        ? around
        : roots.find((r) => mark.contains(r.el) && !roots.some((o) => o !== r && mark.contains(o.el) && o.el.contains(r.el)));
    if (owner && owner.id.startsWith('discussioncomment-')) accepted.add(owner.id);
  }
  const goto = doc.querySelector('a.js-discussions-goto-answer-button[href*="#discussioncomment-"]')?.getAttribute('href');
  const gotoId = /#(discussioncomment-\d+)$/.exec(goto ?? '')?.[1];
  if (gotoId && roots.some((r) => r.id === gotoId)) accepted.add(gotoId);

  const countText = textOf(doc.querySelector('#discussion-comment-count'));
  const answerable = accepted.size > 0 || doc.querySelector('.js-discussion.answered') !== null || /\banswer/i.test(countText);

  const posts: DomPost[] = [];
  for (const root of roots) {
    const isOpening = root.id.startsWith('discussion-');
    // Depth: how many comments this one sits inside (the opening post does not count).
    let depth = 0;
    let parent: Root | null = null;
    for (let up = ownerOf(root.el.parentElement); up; up = ownerOf(up.el.parentElement)) {
      if (up.id.startsWith('discussion-')) break;
      parent ??= up;
      depth += 1;
    }
    const header = ownFirst(root, '.timeline-comment-header-text, .timeline-comment-header');
    const authorLink =
      ownFirst(root, 'a.author') ??
      (header ? [...header.querySelectorAll('a[data-hovercard-type="user"]')].find((a) => ownerOf(a) === root && !a.closest('.comment-body')) : null) ??
      null;
    const login =
      textOf(authorLink).replace(/^@/, '') ||
      loginFromHref(authorLink?.getAttribute('href'), base) ||
      textOf(header?.querySelector('.Truncate-text')) ||
      null;
    const time =
      ownFirst(root, 'a.js-timestamp relative-time[datetime]') ??
      own(root, 'relative-time[datetime]').find((t) => !t.closest('.comment-body, .js-comment-edit-history, details')) ??
      null;
    const voteForm = ownFirst(root, '.discussion-vote-form');
    let score: number | null = null;
    if (voteForm) {
      const upvoted = voteForm.getAttribute('data-upvoted') === 'true' || voteForm.classList.contains('is-upvoted');
      score =
        countOf(textOf(voteForm.querySelector(upvoted ? '.js-upvoted-vote-count' : '.js-default-vote-count'))) ??
        countOf(voteForm.querySelector('button.js-upvote-button, button[id^="discussion-upvote-button-"]')?.getAttribute('aria-label'));
    }
    const role = isOpening ? 'opening' : depth === 0 ? (answerable ? 'answer' : 'reply') : answerable ? 'comment' : 'reply';
    posts.push({
      post: postRecord(root.id, {
        author: login,
        authorUrl: authorLink ? profileUrl(authorLink.getAttribute('href'), base) : null,
        createdAt: timeOf(time),
        text: bodyText(ownFirst(root, 'td.comment-body, .comment-body, .js-comment-body')),
        likeCount: thumbsUp(ownFirst(root, '.js-comment-reactions-options')),
        score,
        parentId: parent?.id ?? null,
        depth: isOpening ? 0 : depth,
        role,
        isAccepted: isOpening || !answerable ? null : accepted.has(root.id),
      }),
      elements: { post: root.el, author: header ?? authorLink?.parentElement ?? null },
    });
  }
  return { posts, answerable };
}
