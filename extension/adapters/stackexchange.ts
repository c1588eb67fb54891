import { absoluteUrl, countOf, textOf } from './dom-text';
import { neverThrows, page as pageRecord, post as postRecord, thread as threadRecord } from './records';
import { readQuestionList, type ListedQuestion } from './stackexchange/listing';
import { seDate } from './stackexchange/dates';
import type { AdapterResult, ListingElements, PageKind, PostElements, PostRecord, SiteAdapter, ThreadRecord } from './types';

/**
 * Stack Exchange (Stack Overflow, Super User, Server Fault, Ask Ubuntu, MathOverflow and
 * every *.stackexchange.com site): the server-rendered question page.
 *
 * - The question (`#question[data-questionid]`, `.question`) and each answer
 *   (`.answer[data-answerid]`) are posts at depth 0; their comments (`li.comment[data-comment-id]`
 *   inside `.js-comments-container[data-post-id]`) are posts at depth 1 whose parentId is
 *   the question or answer they sit under.
 * - Ids: the question and answer ids as the engine shows them ("1732348"); comments are
 *   "comment-<id>" (their DOM id), because comment ids come from a different sequence
 *   and could equal a post id.
 * - Stack Exchange has no handles besides display names, so `author` is the display name
 *   and the stable identity is the profile URL (/users/<id>/<slug>). Deleted accounts (and
 *   community-wiki posts whose owner is shown without a link) have no profile link: their
 *   shown name goes to `authorName`, `author` stays null.
 * - Dates: `time[itemprop=dateCreated][datetime]` carries no zone, but Stack Exchange
 *   renders every server time in UTC (the same instant appears as `title="… 22:38:26Z"` in
 *   the header), so a zone-less datetime is read as UTC. Comment dates are the
 *   `title="2009-11-13 23:18:03Z, License: …"` of `.relativetime-clean`.
 *
 * Live site: the page is not a single-page app. Content added later, which the shared
 * observer must pick up: "Show N more comments" replaces the `ul.comments-list` of one post
 * with the full list (AJAX); "N new answers" banners insert `.answer` elements on click;
 * voting rewrites `.js-vote-count` in place; answers beyond the first 30 live on
 * `?page=N` (a full page load), so a page holds at most 30 answers.
 */

const SE_HOSTS = /(^|\.)(stackoverflow\.com|stackexchange\.com|superuser\.com|serverfault\.com|askubuntu\.com|mathoverflow\.net|stackapps\.com)$/i;

const QUESTION = '#question[data-questionid], .question[data-questionid], .question.js-question';
const ANSWER = '.answer[data-answerid], .answer.js-answer[id^="answer-"]';
const COMMENT = 'li.comment[data-comment-id], li.js-comment[id^="comment-"]';
const BODY = '.js-post-body, .post-text, [itemprop="text"]';
/** Notices Stack Exchange puts inside a post body (locked, bounty, duplicate…), snippet chrome. */
const BODY_SKIP = 'aside.s-notice, .js-post-notice, .snippet-ctas, .snippet-result';

function detect(doc: Document, url: URL): boolean {
  if (SE_HOSTS.test(url.hostname)) return true;
  if (doc.querySelector(QUESTION) && doc.querySelector('.js-vote-count, .vote-count-post, .js-voting-container')) return true;
  // Every Stack Exchange site loads its CSS (and the top bar) from the sstatic CDN.
  return (
    doc.querySelector('link[rel="stylesheet"][href*="cdn.sstatic.net/"]') !== null &&
    doc.querySelector('.top-bar, .s-topbar, #question-header, #questions, .js-vote-count') !== null
  );
}

/** The display name in a link or span, without the reputation/flair Stack Exchange adds. */
function nameOf(el: Element | null | undefined): string | null {
  const t = textOf(el).replace(/\s+/g, ' ').trim();
  return t || null;
}

interface Author {
  author: string | null;
  authorName: string | null;
  authorUrl: string | null;
  el: Element | null;
}

const NO_AUTHOR: Author = { author: null, authorName: null, authorUrl: null, el: null };

function userLink(scope: Element): Element | null {
  for (const a of scope.querySelectorAll('a[href]')) {
    if (/\/users\/-?\d+/.test(a.getAttribute('href') ?? '') && nameOf(a)) return a;
  }
  return null;
}

/** Signatures of the post itself (not of its comments). */
function signatures(postEl: Element): Element[] {
  return [...postEl.querySelectorAll('.post-signature')].filter((s) => !s.closest('.comments, .js-comments-container'));
}

function ownerSignature(sigs: Element[]): Element | null {
  return (
    sigs.find((s) => s.classList.contains('owner')) ??
    sigs.find((s) => s.querySelector('[itemprop="author"]')) ??
    // Community wiki: the owner is named in the "community wiki" signature, while the
    // "answered" signature beside it has an empty user block.
    sigs.find((s) => s.querySelector('.community-wiki')) ??
    sigs.find((s) => /^\s*(asked|answered)\b/i.test(textOf(s.querySelector('.user-action-time')))) ??
    sigs[sigs.length - 1] ??
    null
  );
}

function readAuthor(postEl: Element, base: URL): Author {
  const sig = ownerSignature(signatures(postEl));
  if (!sig) return NO_AUTHOR;
  const detailsList = [...sig.querySelectorAll('.user-details')];
  // A community-wiki signature has two .user-details: the "community wiki" label, then the owner.
  const details = detailsList.filter((d) => !d.querySelector('.community-wiki') || d.querySelector('a[href*="/users/"]')).pop() ?? null;
  const scope = details ?? sig;
  const link = userLink(scope);
  if (link) {
    return { author: nameOf(link), authorName: null, authorUrl: absoluteUrl(link.getAttribute('href'), base), el: scope };
  }
  // No profile link: a deleted account ("user12345" as plain text) or a community-wiki
  // owner shown inside the revisions link ("moritz", "3 revs, 2 users 77%").
  const history = scope.querySelector('a[id^="history-"]');
  const shown = history ? textOf(history).replace(/^\s*\d+\s+revs?(,\s*\d+\s+users?\s*\d+%)?\s*/i, '') : textOf(scope.querySelector('[itemprop="name"]')) || firstLine(scope);
  const name = shown.trim() || null;
  return { author: null, authorName: name, authorUrl: null, el: name ? scope : null };
}

/** The first text line of a user-details block (the name), before reputation and badges. */
function firstLine(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const junk of clone.querySelectorAll('.-flair, .reputation-score, .badgecount, .user-gravatar32, script, .community-wiki')) junk.remove();
  return textOf(clone).split('\n')[0] ?? '';
}

/** The question's date sits in the page header, outside `#question`. */
function questionHeaderDate(doc: Document): string | null {
  const time = [...doc.querySelectorAll('time[itemprop="dateCreated"][datetime]')].find((t) => !t.closest(`${ANSWER}, ${QUESTION}, .comments`));
  return seDate(time?.getAttribute('datetime')) ?? seDate(time?.parentElement?.getAttribute('title'));
}

function postDate(postEl: Element): string | null {
  const time = [...postEl.querySelectorAll('time[itemprop="dateCreated"][datetime]')].find((t) => !t.closest('.comments'));
  const fromTime = seDate(time?.getAttribute('datetime'));
  if (fromTime) return fromTime;
  for (const sig of signatures(postEl)) {
    const action = sig.querySelector('.user-action-time');
    if (!/^\s*(asked|answered)\b/i.test(textOf(action))) continue;
    const rel = action?.querySelector('.relativetime[title], span[title]');
    const d = seDate(rel?.getAttribute('title')) ?? seDate(action?.querySelector('time[datetime]')?.getAttribute('datetime'));
    if (d) return d;
  }
  return null;
}

function voteCount(postEl: Element): number | null {
  const attr = postEl.getAttribute('data-score');
  if (attr !== null && /^-?\d+$/.test(attr.trim())) return Number(attr);
  const el = postEl.querySelector('.js-vote-count, .vote-count-post, [itemprop="upvoteCount"]');
  if (!el) return null;
  const raw = (el.getAttribute('data-value') ?? textOf(el)).trim();
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const n = countOf(raw);
  return n === null ? null : raw.startsWith('-') ? -n : n;
}

function isAcceptedAnswer(answer: Element): boolean {
  if (answer.classList.contains('accepted-answer') || answer.getAttribute('itemprop') === 'acceptedAnswer') return true;
  const badge = answer.querySelector('.js-accepted-answer-indicator');
  return badge !== null && !badge.classList.contains('d-none') && !badge.hasAttribute('hidden');
}

function readComment(li: Element, parentId: string | null, base: URL): { post: PostRecord; elements: PostElements } | null {
  const raw = li.getAttribute('data-comment-id') ?? /^comment-(\d+)$/.exec(li.id)?.[1] ?? null;
  if (!raw || !/^\d+$/.test(raw.trim())) return null;
  const userEl = li.querySelector('.comment-user');
  const href = userEl?.tagName === 'A' ? userEl.getAttribute('href') : null;
  const name = nameOf(userEl);
  const linked = !!href && /\/users\/-?\d+/.test(href);
  const scoreBox = li.querySelector('.comment-score');
  const scoreText = textOf(scoreBox);
  const dataScore = li.getAttribute('data-score');
  // Stack Exchange shows no number for a comment nobody voted up.
  const score =
    dataScore !== null && /^-?\d+$/.test(dataScore) ? Number(dataScore) : scoreBox ? (scoreText ? countOf(scoreText) : 0) : null;
  const dateEl = li.querySelector('.comment-date [title], .comment-date time[datetime], .relativetime-clean[title]');
  const copy = li.querySelector('.comment-copy');
  const text = textOf(copy);
  // "@name" at the start pings the user the comment answers (Stack Exchange drops spaces from names).
  const mention = /^@([\p{L}\p{N}_.\-]+)/u.exec(text)?.[1]?.replace(/[.\-]+$/, '') || null;
  return {
    post: postRecord(`comment-${raw.trim()}`, {
      author: linked ? name : null,
      authorName: linked ? null : name,
      authorUrl: linked ? absoluteUrl(href, base) : null,
      createdAt: seDate(dateEl?.getAttribute('title')) ?? seDate(dateEl?.getAttribute('datetime')),
      text,
      score,
      replyToUser: mention,
      parentId,
      depth: 1,
      role: 'comment',
      isAccepted: null,
    }),
    elements: { post: li, author: userEl ?? null },
  };
}

function questionIdOf(doc: Document, url: URL): string | null {
  const attr = doc.querySelector(QUESTION)?.getAttribute('data-questionid');
  if (attr && /^\d+$/.test(attr)) return attr;
  for (const u of [url.href, doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), doc.querySelector('meta[property="og:url"]')?.getAttribute('content')]) {
    if (!u) continue;
    try {
      const id = /^\/questions\/(\d+)/.exec(new URL(u, url).pathname)?.[1];
      if (id) return id;
    } catch {
      /* not a URL */
    }
  }
  return null;
}

function readThread(doc: Document, url: URL, id: string, question: PostRecord | undefined, qEl: Element | null): ThreadRecord {
  const header = doc.querySelector('#question-header');
  const title =
    textOf(header?.querySelector('h1 a, h1')) ||
    textOf(doc.querySelector('h1[itemprop="name"]')) ||
    doc.querySelector('meta[property="og:title"], meta[name="twitter:title"]')?.getAttribute('content')?.trim() ||
    null;
  const tagScope = qEl ?? doc;
  const tags = [...tagScope.querySelectorAll('.post-taglist .post-tag, .post-taglist a[rel="tag"], .js-post-tag-list-item a')]
    .map((t) => textOf(t))
    .filter((t, i, all) => t && all.indexOf(t) === i);
  const viewed = doc.querySelector('[title^="Viewed "]')?.getAttribute('title');
  const answerCountEl = doc.querySelector('#answers-header [data-answercount], [itemprop="answerCount"]');
  const answerCount = countOf(answerCountEl?.getAttribute('data-answercount') ?? textOf(answerCountEl));
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return threadRecord(id, {
    title,
    url: absoluteUrl(canonical, url) ?? absoluteUrl(header?.querySelector('h1 a')?.getAttribute('href'), url),
    tags,
    author: question?.author ?? question?.authorName ?? null,
    createdAt: question?.createdAt ?? questionHeaderDate(doc),
    replyCount: answerCount,
    viewCount: viewed ? countOf(viewed) : null,
    score: question?.score ?? null,
  });
}

function readUser(doc: Document): string | null {
  // Signed-in top bar: the avatar link to the user's own profile (2020: a.my-profile; later
  // s-topbar with an s-user-card). The name is in the avatar's title/alt, else the URL slug.
  const link = doc.querySelector('.top-bar a.my-profile[href*="/users/"], .s-topbar a.s-user-card[href*="/users/"], .s-topbar a.my-profile[href*="/users/"]');
  if (!link) return null;
  const named = link.querySelector('[title]')?.getAttribute('title') ?? link.querySelector('img[alt]')?.getAttribute('alt') ?? '';
  const name = named.replace(/'s user avatar$/i, '').trim();
  if (name) return name;
  const slug = /\/users\/\d+\/([^/?#]+)/.exec(link.getAttribute('href') ?? '')?.[1];
  return slug ? decodeURIComponent(slug) : null;
}

function readPostBlock(el: Element, id: string, role: 'opening' | 'answer', base: URL) {
  const a = readAuthor(el, base);
  return {
    post: postRecord(id, {
      author: a.author,
      authorName: a.authorName,
      authorUrl: a.authorUrl,
      createdAt: postDate(el),
      text: textOf(el.querySelector(BODY), BODY_SKIP),
      score: voteCount(el),
      depth: 0,
      role,
      isAccepted: role === 'answer' ? isAcceptedAnswer(el) : null,
    }),
    elements: { post: el, author: a.el } as PostElements,
  };
}

/**
 * Base for the page's relative links: the canonical URL when it is a page of the same
 * question site (a saved copy opened elsewhere still links to stackoverflow.com), else the URL.
 */
function siteBase(doc: Document, url: URL): URL {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const abs = absoluteUrl(canonical, url);
  return abs ? new URL(abs) : url;
}

function read(doc: Document, pageUrl: URL): AdapterResult {
  const url = siteBase(doc, pageUrl);
  const problems: string[] = [];
  const posts: PostRecord[] = [];
  const elements = new Map<string, PostElements>();

  const add = (block: { post: PostRecord; elements: PostElements }) => {
    if (elements.has(block.post.id)) return;
    posts.push(block.post);
    elements.set(block.post.id, block.elements);
  };
  const addComments = (postEl: Element, postId: string) => {
    // The comments block is a sibling of .post-layout inside the post (question or answer).
    const container =
      postEl.querySelector(`#comments-${postId}`) ??
      [...postEl.querySelectorAll('.js-comments-container, .comments')].find((c) => c.closest(`${QUESTION}, ${ANSWER}`) === postEl) ??
      null;
    if (!container) return;
    for (const li of container.querySelectorAll(COMMENT)) {
      const c = readComment(li, postId, url);
      if (c) add(c);
    }
  };

  const qEl = doc.querySelector(QUESTION);
  const questionId = questionIdOf(doc, url);
  let question: PostRecord | undefined;
  if (qEl && questionId) {
    const block = readPostBlock(qEl, questionId, 'opening', url);
    block.post.createdAt ??= questionHeaderDate(doc);
    question = block.post;
    add(block);
    addComments(qEl, questionId);
  }

  for (const aEl of doc.querySelectorAll(ANSWER)) {
    const id = (aEl.getAttribute('data-answerid') ?? /^answer-(\d+)$/.exec(aEl.id)?.[1] ?? '').trim();
    if (!/^\d+$/.test(id)) continue;
    add(readPostBlock(aEl, id, 'answer', url));
    addComments(aEl, id);
  }

  // Comments whose post we did not see (a truncated page): keep them, parent from the container.
  for (const li of doc.querySelectorAll(COMMENT)) {
    const id = li.getAttribute('data-comment-id');
    if (id && elements.has(`comment-${id.trim()}`)) continue;
    const parent = li.closest('[data-post-id]')?.getAttribute('data-post-id') ?? null;
    const c = readComment(li, parent && /^\d+$/.test(parent) ? parent : null, url);
    if (c) add(c);
  }

  let kind: PageKind = 'other';
  let thread: ThreadRecord | null = null;
  let listing: ThreadRecord[] = [];
  let listingElements: Map<string, ListingElements> | undefined;
  if (questionId && (qEl || posts.length > 0 || /^\/questions\/\d+/.test(url.pathname))) {
    kind = 'thread';
    thread = readThread(doc, url, questionId, question, qEl);
    if (!qEl) problems.push('stackexchange: the question is not rendered on this page');
  } else {
    const listed: ListedQuestion[] = readQuestionList(doc, url);
    if (listed.length > 0) {
      kind = 'listing';
      listing = listed.map((l) => l.thread);
      listingElements = new Map(listed.map((l) => [l.thread.id, l.elements]));
    } else if (/^\/users\/\d+/.test(url.pathname)) {
      kind = 'profile';
    }
  }

  if (kind === 'thread') {
    for (const p of posts) {
      if (p.role !== 'comment' && !p.author && !p.authorName) problems.push(`stackexchange: post ${p.id} has no readable author`);
      if (p.role !== 'comment' && !p.createdAt) problems.push(`stackexchange: post ${p.id} has no readable date`);
    }
    const noLink = posts.filter((p) => !p.author && p.authorName).length;
    if (noLink > 0) {
      problems.push(
        `stackexchange: ${noLink} post(s) show an author without a profile link (deleted account or community-wiki owner); their shown name is kept as authorName`,
      );
    }
    const answersShown = posts.filter((p) => p.role === 'answer').length;
    if (thread?.replyCount !== null && thread?.replyCount !== undefined && answersShown < thread.replyCount) {
      problems.push(`stackexchange: ${answersShown} of ${thread.replyCount} answers are on this page (the rest are on other pages)`);
    }
    let hidden = 0;
    for (const list of doc.querySelectorAll('ul.comments-list[data-remaining-comments-count]')) {
      const n = Number(list.getAttribute('data-remaining-comments-count'));
      if (Number.isFinite(n) && n > 0) hidden += n;
    }
    if (hidden > 0) problems.push(`stackexchange: ${hidden} comment(s) are collapsed behind "show more comments"`);
  }

  return {
    page: pageRecord('stackexchange', { kind, thread, posts, listing, user: ((u) => (u ? { username: u } : null))(readUser(doc)), problems }),
    elements,
    ...(listingElements ? { listingElements } : {}),
  };
}

export const stackexchangeAdapter: SiteAdapter = neverThrows({ engine: 'stackexchange', detect, read });
