import { absoluteUrl, countOf } from '../dom-text';
import { type ParsedDate, parseDateAttr, parseDateText } from './dates';

/**
 * What a post looks like on a forum we do not know: a link to its author's profile, a
 * time, and a body of text. These helpers find those signals inside an element; the
 * structural heuristic (structure.ts) and the owner's selectors (selectors.ts) both
 * read posts with them. Pure: nothing here changes the page.
 */

/** Elements that are never a post's words. */
const CHROME =
  'script, style, template, noscript, button, input, textarea, select, option, svg, canvas, nav, menu, [hidden], ' +
  '[aria-hidden="true"], [role="status"], [role="alert"], .sr-only, .visually-hidden, .u-srOnly, .screen-reader-text';

/** Links or labels that are the forum's controls, not text. */
const UI_WORDS =
  /^(reply|replies|\d+ repl(y|ies)|permalink|link|share|report|edit|delete|quote|flag|save|embed|parent|context|next|prev|previous|root|hide|past|favorite|unfavorite|upvote|downvote|vote|like|unlike|follow|top|back to top|\[[-–+]\]|\[–\]|…|more|less|show more|show less|load more|translate|bookmark|mute|block|copy link|\d+ comments?)$/i;

const PROFILE_PATH =
  /\/(?:u|user|users|member|members|profile|profiles|people|person|author|authors|account|accounts|usuario|utilisateur|benutzer)\/[^/?#]+|^\/~[^/?#]+|^\/@[^/?#]+\/?$/i;
const PROFILE_QUERY =
  /(?:^|[?&])(?:mode=viewprofile|showuser=|userid=|user_id=|uid=)|(?:^\/user\?id=)|(?:memberlist\.php|profile\.php|member\.php|user\.php|userinfo\.php)/i;
const NOT_PROFILE = /login|logout|log-in|sign-?in|sign-?up|register|settings|preferences|notifications|password|\/edit\b|\/new\b|\/search\b|lost-?password/i;

/** Class-name words that mark an author's name (split on -, _ and case). */
const AUTHOR_WORDS = new Set(['author', 'authorlink', 'username', 'user', 'hnuser', 'poster', 'postername', 'member', 'membername', 'nick', 'nickname', 'creator', 'byline']);
const BODY_WORDS = new Set([
  'content', 'body', 'text', 'message', 'comment', 'commtext', 'md', 'usertext', 'cooked', 'markdown', 'prose',
  'bbwrapper', 'post', 'entry', 'copy', 'article', 'richtext', 'description', 'postbody', 'messagebody', 'contents',
]);
const NOT_BODY_WORDS = new Set(['header', 'footer', 'meta', 'info', 'actions', 'action', 'tools', 'menu', 'avatar', 'signature', 'sig', 'controls', 'votes', 'vote', 'score', 'buttons', 'title', 'muted', 'count', 'date', 'time', 'age', 'nav']);

/** Words of an element's class, id-like attributes and test ids, lower-case. */
export function wordsOf(el: Element): string[] {
  const raw = [el.getAttribute('class') ?? '', el.getAttribute('component') ?? '', el.getAttribute('data-testid') ?? ''].join(' ');
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s\-_/]+/)
    .filter((w) => w.length > 0);
}

function classJoined(el: Element): string[] {
  return (el.getAttribute('class') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .flatMap((c) => [c, c.replace(/[-_]/g, '')])
    .filter(Boolean);
}

export function hasWord(el: Element, words: Set<string>): boolean {
  return wordsOf(el).some((w) => words.has(w)) || classJoined(el).some((w) => words.has(w));
}

/** Is `node` inside `root` and outside every element of `exclude` (other than root)? */
export function ownedBy(node: Element, root: Element, exclude: ReadonlySet<Element>): boolean {
  if (!root.contains(node)) return false;
  for (let e: Element | null = node; e && e !== root; e = e.parentElement) if (exclude.has(e)) return false;
  return true;
}

/** Elements of `root`'s own region (root included), excluded subtrees skipped, in document order. */
export function ownElements(root: Element, exclude: ReadonlySet<Element>, pred: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    if (pred(e)) out.push(e);
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) if (!exclude.has(c)) walk(c);
  };
  walk(root);
  return out;
}

export function ownAll(root: Element, selector: string, exclude: ReadonlySet<Element>): Element[] {
  const out: Element[] = [];
  if (root.matches(selector)) out.push(root);
  for (const e of root.querySelectorAll(selector)) if (ownedBy(e, root, exclude)) out.push(e);
  return out;
}

/* ------------------------------------------------------------------ text */

export function isQuote(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'BLOCKQUOTE') {
    if (leadIn(el.previousElementSibling)) return true;
    if (el.hasAttribute('data-author') || el.hasAttribute('data-quote') || el.hasAttribute('cite')) return true;
    if (el.querySelector(':scope > cite, :scope > .attribution, :scope > .quote-header, :scope > .bbCodeBlock-title')) return true;
    if (hasWord(el, new Set(['quote', 'quotecontent']))) return true;
    const first = (el.firstElementChild?.textContent ?? el.textContent ?? '').trim().slice(0, 120);
    return /\b(wrote|said|writes|says):?\s*$/i.test(first.split('\n')[0] ?? '');
  }
  if (tag === 'ASIDE' && hasWord(el, new Set(['quote']))) return true;
  if (hasWord(el, new Set(['bbcodequote', 'quotebox', 'quotecontainer']))) return true;
  return (el.getAttribute('class') ?? '').split(/\s+/).some((c) => /^(bbCodeBlock--quote|quote|post-quote|quotetitle|quoted)$/i.test(c));
}

function leadIn(el: Element | null): boolean {
  if (!el || el.tagName === 'BLOCKQUOTE') return false;
  const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return t.length <= 200 && /\b(said|wrote|writes|says)\b[^:]*:$/i.test(t);
}

/** "@MJ said in Topic:" / "X wrote:" right before a quote: part of the quote. */
function quoteLeadIn(el: Element): boolean {
  const next = el.nextElementSibling;
  return !!next && next.tagName === 'BLOCKQUOTE' && leadIn(el);
}

/** Image captions a forum adds to uploaded pictures (file name, size), not words. */
function imageMeta(el: Element): boolean {
  if (!/(^|\s)(meta|filename|informations)(\s|$)/.test(el.getAttribute('class') ?? '')) return false;
  const link = el.closest('a');
  return !!link && !!link.querySelector('img');
}

function isSignature(el: Element): boolean {
  return (el.getAttribute('class') ?? '').split(/\s+/).some((c) => /^(signature|sig|post-signature--sig|message-signature|postsig)$/i.test(c));
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

export interface TextOptions {
  /** Elements (and their subtrees) to leave out. */
  skip?: ReadonlySet<Element>;
  /** Leave out quotes of other posts and signatures (default true). */
  dropQuotes?: boolean;
}

/**
 * Reader-visible text like dom-text's `textOf`, leaving out whole elements (nested posts,
 * the author line), controls, quotes of other posts and signatures.
 */
export function textWithout(el: Element | null | undefined, opts: TextOptions = {}): string {
  if (!el) return '';
  const skip = opts.skip ?? new Set<Element>();
  const dropQuotes = opts.dropQuotes !== false;
  const parts: string[] = [];
  let pre = 0;
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      // Line breaks of the HTML source are spaces on screen, except in preformatted text.
      parts.push(pre > 0 ? (node.nodeValue ?? '') : (node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (e !== el) {
      if (skip.has(e)) return;
      if (e.matches(CHROME)) return;
      if (dropQuotes && (isQuote(e) || isSignature(e) || quoteLeadIn(e))) return;
      if (imageMeta(e)) return;
      if (e.tagName === 'A' && UI_WORDS.test((e.textContent ?? '').trim())) return;
    } else if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'TEMPLATE') {
      return;
    }
    const block = BLOCK.has(e.tagName);
    const isPre = e.tagName === 'PRE' || e.tagName === 'TEXTAREA';
    if (block) parts.push('\n');
    if (isPre) pre += 1;
    for (let c = e.firstChild; c; c = c.nextSibling) walk(c);
    if (isPre) pre -= 1;
    if (block) parts.push('\n');
  };
  walk(el);
  return parts
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** Text left once counts, separators and control words are removed: is there anything written? */
export function meaningful(text: string): string {
  return text
    .split(/[\n|·•]+/)
    .map((l) => l.trim())
    .filter((l) => l && !UI_WORDS.test(l))
    .join(' ')
    .replace(/\b(\d+|an?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\.?(?=\s|$)/gi, ' ')
    .replace(/\b\d[\d,.]*\s*[km]?\s*(points?|votes?|comments?|replies|reply|likes?|children|child|views?|reactions?)\b/gi, ' ')
    .replace(/(^|\s)[-+]?\d[\d,.]*[km]?(?=\s|$)/gi, ' ')
    .replace(/\b(by|points?|score|votes?|at|on|ago|am|pm|edited|posted|submitted|wrote|said)\b/gi, ' ')
    .replace(/\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?(?=[\s\d,']|$)/gi, ' ')
    .replace(/\b(mon(day)?|tue(s|sday)?|wed(nesday)?|thu(r|rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?)\b/gi, ' ')
    .replace(/[\s\d,.:;()[\]\-–—+*#»«·•|]+/g, ' ')
    .trim();
}

/* ---------------------------------------------------------------- author */

export function profileHandle(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  for (const key of ['id', 'username', 'user', 'un']) {
    const v = u.searchParams.get(key);
    if (v && !/^\d+$/.test(v)) return v;
  }
  const m = PROFILE_PATH.exec(u.pathname);
  if (!m) return null;
  const segs = decodeSegments(u.pathname);
  const i = segs.findIndex((s) => /^(u|user|users|member|members|profile|profiles|people|person|author|authors|account|accounts)$/i.test(s));
  const after = (i >= 0 ? segs.slice(i + 1) : segs).filter((s) => !/^\d+$/.test(s));
  let h = (i >= 0 ? after[0] : segs[0]) ?? null;
  if (h && after.length > 1 && i >= 0) h = after[after.length - 1] ?? h;
  if (!h) return null;
  h = h.replace(/^[~@]/, '').replace(/\.\d+$/, '');
  return h || null;
}

function decodeSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** A link to a user's profile page. */
export function isProfileLink(a: Element, base: URL): boolean {
  if (a.tagName !== 'A') return false;
  const href = a.getAttribute('href');
  if (!href || href.startsWith('#') || /^(javascript|mailto):/i.test(href)) return false;
  if (a.getAttribute('rel')?.split(/\s+/).includes('author')) return true;
  if (a.getAttribute('itemprop') === 'author' || a.getAttribute('itemprop') === 'url' && a.closest('[itemprop="author"]')) return true;
  const hover = a.getAttribute('data-hovercard-url') ?? a.getAttribute('data-hovercard-type') ?? '';
  if (/\/users?\/|^user$/.test(hover)) return true;
  if (a.hasAttribute('data-user-card') || a.hasAttribute('data-username') || a.hasAttribute('data-user-id')) return true;
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const pathAndQuery = u.pathname + u.search;
  if (NOT_PROFILE.test(pathAndQuery)) return false;
  return PROFILE_PATH.test(u.pathname) || PROFILE_QUERY.test(u.pathname + u.search) || PROFILE_QUERY.test(u.search);
}

/** An element that names an author by its class (`.author`, `.username`, `.hnuser`) and holds only a name. */
export function isAuthorLabel(el: Element): boolean {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
  if (!/author|user|poster|member|nick|creator|byline/i.test(raw)) return false;
  if (!hasWord(el, AUTHOR_WORDS)) return false;
  if (el.matches(CHROME)) return false;
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > 40 || NOT_NAMES.test(text)) return false;
  // A container of the author block, not the name itself (one plain link inside is the name).
  if (el.querySelector('img, div, p, ul, time, [datetime]')) return false;
  const links = el.querySelectorAll('a[href]');
  if (links.length > 1) return false;
  if (links.length === 1 && (textWithout(links[0]!) !== textWithout(el) || isProfileLink(links[0]!, new URL('http://x.invalid/')))) return false;
  return true;
}

/** Labels shown where a name would be that are not anyone's name. */
export const NOT_NAMES = /^(community wiki|anonymous|guest|\[deleted\]|deleted|\[removed\]|removed|unknown|ghost|comment removed by moderator)$/i;

/** Elements of the document that can hold an author's name, in document order. */
export function authorCandidates(root: Element, base: URL): Element[] {
  const out: Element[] = [];
  const walk = (e: Element, inLink: boolean) => {
    const t = e.tagName;
    if (t === 'SCRIPT' || t === 'STYLE' || t === 'TEMPLATE' || t === 'svg' || t === 'SVG') return;
    if (t === 'A') {
      if (e.hasAttribute('href') && (isProfileLink(e, base) || isAuthorLabel(e))) out.push(e);
    } else if (!inLink) {
      if (e.getAttribute('itemprop') === 'author' && !e.hasAttribute('itemscope')) {
        if (!e.querySelector('a[href]') && nameOfAuthorEl(e, base)) out.push(e);
      } else if ((e.hasAttribute('class') || e.hasAttribute('data-testid')) && isAuthorLabel(e)) out.push(e);
    }
    const link = inLink || (t === 'A' && e.hasAttribute('href'));
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) walk(c, link);
  };
  walk(root, false);
  return out;
}

/** Visible text of a name element: hidden labels ("Online") and a leading "@" or "u/" left out. */
export function nameText(el: Element): string {
  return textWithout(el, { dropQuotes: false })
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(@|u\/|\/u\/)/, '');
}

/** An avatar link or picture: an image or a one-letter placeholder, not the name. */
function avatarLike(el: Element, text: string): boolean {
  if (text.length <= 1) return true;
  if (el.querySelector('img, [class*="avatar"], [class*="Avatar"]') && text.length <= 2) return true;
  return /(^|\s)avatar/i.test(el.getAttribute('class') ?? '') && text.length <= 2;
}

/** The name an author element shows: its text, else an avatar's alt/title, else the profile URL's handle. */
export function nameOfAuthorEl(el: Element, base: URL): string | null {
  const text = nameText(el);
  if (text && text.length <= 60 && !avatarLike(el, text)) return text;
  const meta = el.querySelector('meta[itemprop="name"]')?.getAttribute('content')?.trim();
  if (meta) return meta;
  for (const attr of ['data-username', 'data-user-card', 'title']) {
    const v = el.getAttribute(attr)?.trim();
    if (v) return v.replace(/^@/, '');
  }
  const img = el.querySelector('img[alt], [title]');
  const alt = (img?.getAttribute('alt') ?? img?.getAttribute('title') ?? '').trim().replace(/^@/, '').replace(/\s+avatar$/i, '');
  if (alt && alt.length <= 40 && !/^(avatar|user avatar|profile|image|photo|picture)$/i.test(alt)) return alt;
  const aria = /@?([^\s']+)'s profile/i.exec(el.getAttribute('aria-label') ?? '')?.[1];
  if (aria) return aria;
  return el.tagName === 'A' ? profileHandle(el.getAttribute('href'), base) : null;
}

/** Is this name shown in an "edited by" or "joined" line rather than as the poster? */
export function inSideLine(el: Element, stop: Element): boolean {
  if (wordsOf(el).some((w) => w === 'edited' || w === 'editor' || w === 'edit')) return true;
  let e: Element | null = el;
  for (let i = 0; i < 3 && e && e !== stop; i++, e = e.parentElement) {
    if (wordsOf(e).some((w) => w === 'editor' || w === 'edited' || w === 'lastedit' || w === 'history')) return true;
    const t = (e.textContent ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (t.length > 160) break;
    if (/^(last )?(edited|modified|updated|revised)\b|^(joined|member since|registered|last (seen|visit|active|online|login))\b/.test(t)) return true;
  }
  return false;
}

export interface AuthorFound {
  el: Element;
  name: string | null;
  displayName: string | null;
  url: string | null;
}

/**
 * The poster of a block: the first profile link (or author-labelled element) of its own
 * region, leaving out "edited by" lines and names inside the post's text (mentions).
 * Where the page shows a display name and a username linking to the same profile, the
 * one that matches the profile URL is the username.
 */
export function findAuthor(
  block: Element,
  candidates: readonly Element[],
  exclude: ReadonlySet<Element>,
  base: URL,
  bodyEl: Element | null,
): AuthorFound | null {
  const own = candidates.filter((c) => ownedBy(c, block, exclude) && !inSideLine(c, block) && !NOT_NAMES.test(nameText(c)));
  if (own.length === 0) return null;
  const outsideBody = bodyEl ? own.filter((c) => !bodyEl.contains(c)) : own;
  const pool = outsideBody.length > 0 ? outsideBody : own;
  const links = pool.filter((c) => c.tagName === 'A' && isProfileLink(c, base));
  const first = links[0] ?? pool[0]!;
  const href = first.tagName === 'A' ? first.getAttribute('href') : null;
  const url = absoluteUrl(href, base);
  const handle = profileHandle(href, base);
  // Every element naming the same profile: display name and username side by side.
  const same = href ? pool.filter((c) => c.tagName === 'A' && absoluteUrl(c.getAttribute('href'), base) === url) : [first];
  const named = same
    .map((el) => ({ el, text: nameText(el) }))
    .filter((x) => x.text && x.text.length <= 60 && !avatarLike(x.el, x.text));
  let el = named[0]?.el ?? first;
  let name = named[0]?.text ?? nameOfAuthorEl(first, base);
  let displayName: string | null = null;
  if (handle && named.length > 1) {
    const match = named.find((x) => x.text.toLowerCase() === handle.toLowerCase());
    if (match) {
      el = match.el;
      name = match.text;
      displayName = named.find((x) => x.text !== match.text)?.text ?? null;
    }
  }
  if (!name) name = handle;
  // The badge goes after the name: prefer the block holding the visible name.
  return { el, name: name || null, displayName, url };
}

/* ------------------------------------------------------------------ time */

export interface TimeFound {
  el: Element;
  date: ParsedDate;
}

const TIME_ATTRS = ['datetime', 'data-time', 'data-timestamp', 'data-utime', 'data-datetime', 'data-date', 'data-created', 'data-created-at'];

/** Own text of an element: its direct text nodes (dates written beside the author link). */
function directText(el: Element): string {
  let s = '';
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) s += c.nodeValue ?? '';
  return s.replace(/\s+/g, ' ').trim();
}

/** The date an element shows or carries, if it is a time element. */
export function timeOf(el: Element): ParsedDate | null {
  if (el.tagName === 'META') {
    const prop = el.getAttribute('itemprop') ?? '';
    return /^(datePublished|dateCreated|uploadDate)$/.test(prop) ? parseDateAttr(el.getAttribute('content')) : null;
  }
  for (const a of TIME_ATTRS) {
    const v = el.getAttribute(a);
    if (v) {
      const d = parseDateAttr(v);
      if (d) return d;
    }
  }
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const title = el.getAttribute('title');
  if (title && text.length <= 60) {
    const d = parseDateAttr(title);
    if (d?.iso) return d;
  }
  if (el.children.length === 0 || el.tagName === 'TIME') {
    return text && text.length <= 60 && /\d|ago|yesterday|today|now/i.test(text) ? parseDateText(text) : null;
  }
  const own = directText(el);
  if (own && /\d|ago|yesterday|today/i.test(own)) {
    const d = parseDateText(own.replace(/^(by|posted|on|at)\b/i, '').replace(/^[\s»·•|,]+/, ''));
    if (d) return d;
  }
  return null;
}

/** Time elements in document order (scripts, styles and controls left out). */
export function timeCandidates(root: Element): TimeFound[] {
  const out: TimeFound[] = [];
  const walk = (el: Element) => {
    const t = el.tagName;
    if (t === 'SCRIPT' || t === 'STYLE' || t === 'TEMPLATE' || t === 'SELECT' || t === 'TEXTAREA' || t === 'SVG' || t === 'svg') return;
    let maybe = t === 'TIME' || t === 'META' || el.hasAttribute('title') || TIME_ATTRS.some((a) => el.hasAttribute(a));
    if (!maybe) {
      if (el.firstElementChild === null) maybe = true;
      else for (let c = el.firstChild; c && !maybe; c = c.nextSibling) maybe = c.nodeType === 3 && /\d|ago|yesterday|today|now/i.test(c.nodeValue ?? '');
    }
    if (maybe) {
      const date = timeOf(el);
      if (date) out.push({ el, date });
    }
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) walk(c);
  };
  walk(root);
  return out;
}

/** The post's time: the first time of its own region that is not an "edited" or "joined" line. */
export function findTime(block: Element, times: readonly TimeFound[], exclude: ReadonlySet<Element>): TimeFound | null {
  let fallback: TimeFound | null = null;
  for (const t of times) {
    if (!ownedBy(t.el, block, exclude)) continue;
    if (inSideLine(t.el, block)) continue;
    if (t.date.iso) return t;
    fallback ??= t;
  }
  return fallback;
}

/* ------------------------------------------------------------------ body */

const BODY_HINT = /content|body|text|message|comment|commtext|md|cooked|markdown|prose|bbwrapper|post|entry|copy|article|description/i;

export function isBodyCandidate(el: Element): boolean {
  const prop = el.getAttribute('itemprop');
  if (prop === 'text' || prop === 'articleBody' || prop === 'commentText') return true;
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('component') ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
  if (!BODY_HINT.test(raw)) return false;
  if (el.matches(CHROME) || /^(A|SPAN|TIME|IMG|LABEL|H1|H2|H3|H4|H5|H6|BUTTON|FORM|INPUT|LI|UL|OL)$/.test(el.tagName) && el.tagName !== 'SPAN') return false;
  const words = wordsOf(el);
  const joined = classJoined(el);
  if (words.some((w) => NOT_BODY_WORDS.has(w)) && !joined.some((w) => /^(messagebody|postbody|commentbody|markdownbody|usertextbody|commentcopy)$/.test(w))) return false;
  return words.some((w) => BODY_WORDS.has(w)) || joined.some((w) => BODY_WORDS.has(w));
}

/**
 * The element holding the post's words: the body-like element (`.content`, `.message-body`,
 * `[itemprop=text]`, `.md` …) of the block's own region with the most text, not holding
 * the author. Null when the block has none (the caller then reads the block minus its header).
 */
export function findBodyEl(block: Element, exclude: ReadonlySet<Element>, header: readonly Element[]): Element | null {
  const cands: Array<{ el: Element; rough: number }> = [];
  for (const el of ownElements(block, exclude, (e) => e !== block && isBodyCandidate(e))) {
    if (header.some((h) => el.contains(h)) && !el.matches('[itemprop="text"], [itemprop="articleBody"]')) continue;
    cands.push({ el, rough: (el.textContent ?? '').length });
  }
  cands.sort((a, b) => b.rough - a.rough);
  let best: Element | null = null;
  let bestLen = 0;
  const lengths = new Map<Element, number>();
  for (const c of cands) {
    if (c.rough <= bestLen) break;
    const len = textWithout(c.el, { skip: exclude }).length;
    lengths.set(c.el, len);
    if (len > bestLen) {
      best = c.el;
      bestLen = len;
    }
  }
  // The innermost body element holding (nearly) all of that text: the words, not the buttons beside them.
  for (let moved = true; best && moved; ) {
    moved = false;
    for (const c of cands) {
      if (c.el === best || !best.contains(c.el) || c.rough < 0.9 * bestLen) continue;
      const len = lengths.get(c.el) ?? textWithout(c.el, { skip: exclude }).length;
      lengths.set(c.el, len);
      if (len >= 0.9 * bestLen) {
        best = c.el;
        moved = true;
        break;
      }
    }
  }
  return best;
}

/** The post's text: its body element, or the block without its author and time lines. */
export function bodyText(block: Element, exclude: ReadonlySet<Element>, bodyEl: Element | null, header: readonly Element[]): string {
  if (bodyEl) return textWithout(bodyEl, { skip: exclude });
  const skip = new Set<Element>(exclude);
  for (const h of header) skip.add(h);
  // Without a body element the block's other lines (scores, counts) are left out too.
  return textWithout(block, { skip })
    .split('\n')
    .filter((l) => meaningful(l).length > 0)
    .join('\n');
}

/** The smallest ancestor of the author element (inside the block) that also holds the time: the post's header line. */
export function headerOf(block: Element, authorEl: Element | null, timeEl: Element | null): Element[] {
  if (!authorEl) return timeEl ? [timeEl] : [];
  if (!timeEl || !block.contains(timeEl)) return [authorEl];
  let h: Element | null = authorEl;
  while (h && h !== block && !h.contains(timeEl)) h = h.parentElement;
  if (!h || h === block) return [authorEl, timeEl];
  return [h];
}

/* --------------------------------------------------------------- numbers */

const SCORE_WORDS = /^(score|scores|votes?|votecount|vote-count|points|karma|upvotes?|upvotecount|netvotes)$/i;
const LIKE_WORDS = /^(likes?|likecount|like-count|hearts?|reactions?count|kudos|thanks)$/i;

function numberIn(el: Element): number | null {
  for (const a of ['data-votes', 'data-value', 'data-score', 'data-count', 'data-likes', 'content']) {
    const v = el.getAttribute(a);
    if (v !== null && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  }
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > 24) {
    const title = el.getAttribute('title');
    return title && /^-?\d[\d,]*$/.test(title.trim()) ? Number(title.replace(/,/g, '')) : null;
  }
  const neg = /^[-−–]\s*\d/.test(text);
  const n = countOf(text);
  if (n === null) return null;
  if (!/^[-−–]?\s*\d[\d,.]*\s*[kKmM]?\s*(points?|votes?|likes?|score)?$/i.test(text)) return null;
  // "21.5k" shown, the exact number in the title.
  const exact = el.getAttribute('title')?.trim();
  if (exact && /^-?\d+$/.test(exact) && Math.abs(Number(exact) - (neg ? -n : n)) <= Math.max(1, 0.05 * n)) return Number(exact);
  return neg ? -n : n;
}

/** Net votes / points and likes shown in the block's own region (outside its text). */
export function findCounts(block: Element, exclude: ReadonlySet<Element>, bodyEl: Element | null): { score: number | null; likeCount: number | null } {
  let score: number | null = null;
  let likeCount: number | null = null;
  const skip = new Set(exclude);
  if (bodyEl) skip.add(bodyEl);
  for (const el of ownElements(block, skip, (e) => e !== block && (e.hasAttribute('class') || e.hasAttribute('component') || e.hasAttribute('itemprop') || e.hasAttribute('data-testid')))) {
    const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('component') ?? ''} ${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
    if (!/score|vote|point|karma|like|heart|reaction|kudos|thank/i.test(raw)) continue;
    const words = [...wordsOf(el), ...classJoined(el), el.getAttribute('itemprop') ?? ''];
    if (words.some((w) => w === 'dislikes' || w === 'likes') && words.includes('score')) {
      // Old-Reddit style: three scores, two of them hidden; the unvoted one is shown.
      if (!words.includes('unvoted')) continue;
    }
    if (score === null && words.some((w) => SCORE_WORDS.test(w))) score = numberIn(el);
    else if (likeCount === null && words.some((w) => LIKE_WORDS.test(w))) likeCount = numberIn(el);
    if (score !== null && likeCount !== null) break;
  }
  return { score, likeCount };
}

/* ------------------------------------------------------------------- ids */

const ID_ATTRS = ['data-pid', 'data-questionid', 'data-question-id', 'data-post-id', 'data-postid', 'data-comment-id', 'data-commentid', 'data-answerid', 'data-id', 'data-fullname', 'data-content', 'data-post', 'data-message-id'];

/** A stable id the page gives the post: an id-like data attribute, its id, or a named anchor. */
export function idOf(el: Element): string | null {
  for (const a of ID_ATTRS) {
    const v = el.getAttribute(a)?.trim();
    if (v && v.length <= 100 && /\d|^[a-z0-9_-]{4,}$/i.test(v)) return v;
  }
  const id = el.getAttribute('id')?.trim();
  if (id && id.length <= 100 && !/^(ember\d+|:r\w*:|react-\w+|\d{1,2}|main|content|wrap|container|page)$/i.test(id) && /\d|[-_]/.test(id)) return id;
  return null;
}

/** 32-bit FNV-1a, base 36: short, stable ids for posts the page gives none. */
export function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
