import { absoluteUrl } from '../dom-text';
import {
  type AuthorFound,
  type TimeFound,
  authorCandidates,
  bodyText,
  findAuthor,
  findBodyEl,
  findCounts,
  findTime,
  hashOf,
  headerOf,
  idOf,
  inSideLine,
  isBodyCandidate,
  isProfileLink,
  meaningful,
  ownedBy,
  textWithout,
  timeCandidates,
} from './signals';

/**
 * The structural heuristic: a thread is a run of repeated blocks (same tag and class)
 * each holding an author link, a time and some text. For every author link we walk up
 * its ancestors, group them by signature, and keep the group with the most such blocks.
 * Nesting (replies inside replies, or indentation) gives depth and parent.
 */

export interface PageSignals {
  base: URL;
  authors: Element[];
  times: TimeFound[];
}

export function pageSignals(doc: Document, base: URL): PageSignals | null {
  const body = doc.body;
  if (!body) return null;
  return { base, authors: authorCandidates(body, base), times: timeCandidates(body) };
}

/** One post as the DOM shows it. */
export interface Block {
  el: Element;
  author: AuthorFound | null;
  time: TimeFound | null;
  bodyEl: Element | null;
  text: string;
  score: number | null;
  likeCount: number | null;
  /** The page's own id for the post, when it shows one. */
  pageId: string | null;
  depth: number;
  parent: Block | null;
  /** Marked accepted / solution by its classes. */
  accepted: boolean;
}

/** Reads one post element: author, time, text and counts of its own region (nested posts left out). */
export function readBlock(
  el: Element,
  sig: PageSignals,
  exclude: ReadonlySet<Element>,
  own?: { authors: Element[]; times: TimeFound[] },
): Block {
  const ownAuthors = own?.authors ?? sig.authors.filter((a) => ownedBy(a, el, exclude));
  const time = findTime(el, own?.times ?? sig.times, exclude);
  const first = ownAuthors.find((a) => !inSideLine(a, el)) ?? null;
  // The body holds neither the post's time nor its author's name.
  const firstUrl = first?.getAttribute('href') ?? null;
  const headerEls = [
    ...(own?.times ?? sig.times.filter((t) => ownedBy(t.el, el, exclude))).map((t) => t.el),
    ...ownAuthors.filter((a) => a === first || (firstUrl && a.getAttribute('href') === firstUrl)),
  ];
  const bodyEl = findBodyEl(el, exclude, headerEls);
  const author = findAuthor(el, ownAuthors, exclude, sig.base, bodyEl);
  const header = headerOf(el, author?.el ?? null, time?.el ?? null);
  const text = bodyText(el, exclude, bodyEl, header);
  const counts = findCounts(el, exclude, bodyEl);
  return {
    el,
    author,
    time,
    bodyEl,
    text,
    score: counts.score,
    likeCount: counts.likeCount,
    pageId: null,
    depth: 0,
    parent: null,
    accepted: /(^|\s)(accepted-answer|accepted|solution|is-solution|is-accepted|answer-accepted)(\s|$)/i.test(el.getAttribute('class') ?? ''),
  };
}

/* -------------------------------------------------------------- grouping */

const ROLE_KEYS = new Set(['article', 'comment', 'listitem', 'treeitem']);

/** The signatures an element can be grouped by: tag with each class, component, test id, role or itemtype. */
function keysOf(e: Element): string[] {
  const tag = e.tagName.toLowerCase();
  const keys: string[] = [];
  for (const c of (e.getAttribute('class') ?? '').split(/\s+/)) {
    if (c.length >= 2 && c.length <= 48 && !/\d/.test(c)) keys.push(`${tag}.${c}`);
  }
  for (const a of ['component', 'data-testid', 'data-type', 'itemtype']) {
    const v = e.getAttribute(a);
    if (v && v.length <= 80 && !/\d{3,}/.test(v)) keys.push(`${tag}[${a}=${v}]`);
  }
  const role = e.getAttribute('role');
  if (role && ROLE_KEYS.has(role)) keys.push(`${tag}[role=${role}]`);
  if (keys.length === 0) keys.push(tag);
  return keys;
}

/** Full signature (tag and all word classes) of an ancestor, for depth by repetition. */
function fullSignature(e: Element): string {
  const classes = (e.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((c) => c && !/\d/.test(c))
    .sort();
  return `${e.tagName.toLowerCase()}.${classes.join('.')}`;
}

function byDocOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}

/** The nearest ancestor of `node` (or node itself) in `set`, below `stop`. */
function ownerIn(node: Element, set: ReadonlySet<Element>, stop: Element | null): Element | null {
  for (let e: Element | null = node; e && e !== stop; e = e.parentElement) if (set.has(e)) return e;
  return null;
}

interface Group {
  key: string;
  members: Element[];
  set: Set<Element>;
  /** Members with an own author and an own time. */
  cheap: number;
  ownAuthors: Map<Element, Element[]>;
  ownTimes: Map<Element, TimeFound[]>;
  /** Member (or ancestor) -> number of members it holds, itself included. */
  counts: Map<Element, number>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function memberCounts(set: ReadonlySet<Element>, body: Element): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const m of set) for (let p: Element | null = m; p && p !== body; p = p.parentElement) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

function buildGroups(body: Element, sig: PageSignals): Group[] {
  const timeAnc = new Set<Element>();
  for (const t of sig.times) {
    let e: Element | null = t.el;
    for (let i = 0; i < 40 && e && e !== body; i++, e = e.parentElement) {
      if (timeAnc.has(e)) break;
      timeAnc.add(e);
    }
  }
  const byKey = new Map<string, Set<Element>>();
  for (const a of sig.authors) {
    let e: Element | null = a;
    for (let i = 0; i < 18 && e && e !== body; i++, e = e.parentElement) {
      if (!timeAnc.has(e)) continue;
      for (const k of keysOf(e)) {
        let s = byKey.get(k);
        if (!s) byKey.set(k, (s = new Set()));
        s.add(e);
      }
    }
  }
  const groups: Group[] = [];
  for (const [key, s] of byKey) {
    if (s.size < 2) continue;
    let set = new Set(s);
    // A wrapper holding most of the others (a page column) is not a post.
    if (set.size >= 4) {
      const inside = new Map<Element, number>();
      for (const m of set) {
        for (let p = m.parentElement; p && p !== body; p = p.parentElement) if (set.has(p)) inside.set(p, (inside.get(p) ?? 0) + 1);
      }
      const wrappers = [...inside].filter(([, n]) => n > set.size / 2).map(([w]) => w);
      if (wrappers.length > 0) {
        set = new Set([...set].filter((m) => !wrappers.includes(m)));
        if (set.size < 2) continue;
      }
    }
    const ownAuthors = new Map<Element, Element[]>();
    for (const a of sig.authors) {
      const o = ownerIn(a, set, body);
      if (o) push(ownAuthors, o, a);
    }
    const ownTimes = new Map<Element, TimeFound[]>();
    let cheap = 0;
    for (const t of sig.times) {
      const o = ownerIn(t.el, set, body);
      if (!o) continue;
      if (ownAuthors.has(o) && !ownTimes.has(o)) cheap += 1;
      push(ownTimes, o, t);
    }
    if (cheap < 2) continue;
    groups.push({ key, members: [...set].sort(byDocOrder), set, cheap, ownAuthors, ownTimes, counts: new Map() });
  }
  return groups.sort((a, b) => b.cheap - a.cheap);
}

interface Evaluated {
  group: Group;
  blocks: Block[];
  /** Blocks with an author, a time and some text. */
  posts: Block[];
  /** Mean length of the posts' text (the whole post is read, not only its header line). */
  avgBody: number;
  /** Mean length of the blocks' own text (tighter is better among equals). */
  avgText: number;
  avgDepth: number;
}

function domDepth(e: Element): number {
  let n = 0;
  for (let p = e.parentElement; p; p = p.parentElement) n += 1;
  return n;
}

function ownTextLength(el: Element, set: ReadonlySet<Element>): number {
  let n = (el.textContent ?? '').length;
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (set.has(c)) n -= (c.textContent ?? '').length;
      else walk(c);
    }
  };
  walk(el);
  return n;
}

function evaluate(group: Group, sig: PageSignals, cache: Map<Element, Block>): Evaluated {
  const body = group.members[0]!.ownerDocument.body;
  const counts = memberCounts(group.set, body ?? group.members[0]!.ownerDocument.documentElement);
  group.counts = counts;
  const blocks = group.members.map((m) => {
    // A block holding no other member reads the same in every group: read it once.
    const alone = (counts.get(m) ?? 1) === 1;
    const hit = alone ? cache.get(m) : undefined;
    if (hit) return { ...hit };
    const b = readBlock(m, sig, group.set, { authors: group.ownAuthors.get(m) ?? [], times: group.ownTimes.get(m) ?? [] });
    if (alone) cache.set(m, b);
    return { ...b };
  });
  const posts = blocks.filter((b) => b.author && b.time && meaningful(b.text).length >= 2);
  const n = Math.max(1, posts.length);
  const avgBody = posts.reduce((s, b) => s + b.text.length, 0) / n;
  const avgText = posts.reduce((s, b) => s + ownTextLength(b.el, group.set), 0) / n;
  const avgDepth = posts.reduce((s, b) => s + domDepth(b.el), 0) / n;
  return { group, blocks, posts, avgBody, avgText, avgDepth };
}

function differ(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance * Math.max(a, b);
}

/** More posts; then the reading that gets more of each post's text; then the tighter blocks; then the outer ones. */
function better(a: Evaluated, b: Evaluated): boolean {
  if (a.posts.length !== b.posts.length) return a.posts.length > b.posts.length;
  if (differ(a.avgBody, b.avgBody, 0.1)) return a.avgBody > b.avgBody;
  if (differ(a.avgText, b.avgText, 0.03)) return a.avgText < b.avgText;
  return a.avgDepth < b.avgDepth;
}

/* ------------------------------------------------------------ structure */

/** The highest ancestor of `el` holding no other member of the set (the block's row or frame). */
function soloFrame(el: Element, counts: ReadonlyMap<Element, number>): Element {
  const own = counts.get(el) ?? 1;
  let f = el;
  for (let p = el.parentElement; p && p.tagName !== 'BODY'; p = p.parentElement) {
    if ((counts.get(p) ?? 0) > own) break;
    f = p;
  }
  return f;
}

const timeSets = new WeakMap<PageSignals, Set<Element>>();

function touchesTime(a: Element, sig: PageSignals): boolean {
  let set = timeSets.get(sig);
  if (!set) timeSets.set(sig, (set = new Set(sig.times.map((t) => t.el))));
  for (let e: Element | null = a, i = 0; e && i < 4; e = e.parentElement, i++) if (set.has(e)) return true;
  const walk = (e: Element): boolean => {
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) if (set!.has(c) || walk(c)) return true;
    return false;
  };
  return walk(a);
}

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** A link naming a thread: in a heading or a `.title` of the row, to another page. */
export function titleLink(row: Element, sig: PageSignals, url: URL, block: Block | null): HTMLAnchorElement | null {
  const page = url.href.replace(/#.*$/, '');
  const pagePath = url.pathname.replace(/\/+$/, '');
  for (const a of row.querySelectorAll('a[href]')) {
    if (block?.bodyEl?.contains(a)) continue;
    if (block?.author?.el === a || isProfileLink(a, sig.base)) continue;
    if (touchesTime(a, sig)) continue;
    const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < 3) continue;
    const abs = absoluteUrl(a.getAttribute('href'), sig.base);
    if (!abs || abs.replace(/#.*$/, '') === page) continue;
    if (new URL(abs).pathname === url.pathname && new URL(abs).host === url.host) continue;
    // A permalink into this same thread is not another topic.
    const path = new URL(abs).pathname.replace(/\/+$/, '');
    if (pagePath && (path.startsWith(`${pagePath}/`) || pagePath.startsWith(`${path}/`))) continue;
    // A heading inside someone's post text is not a topic title.
    let inText = false;
    for (let e: Element | null = a.parentElement; e && e !== row.parentElement; e = e.parentElement) if (isBodyCandidate(e)) inText = true;
    if (inText) continue;
    const heading = a.closest(HEADING);
    const inHeading = heading && row.contains(heading) && !(block?.author && heading.contains(block.author.el));
    const titled = /(^|[\s_-])(title|titleline|topic-title|thread-title|storylink)([\s_-]|$)/i.test(
      `${a.getAttribute('class') ?? ''} ${a.parentElement?.getAttribute('class') ?? ''}`,
    );
    if (inHeading || titled) return a as HTMLAnchorElement;
  }
  return null;
}

function indentOf(block: Element, frame: Element, set: ReadonlySet<Element>): number | null {
  for (let e: Element | null = block; e; e = e === frame ? null : e.parentElement) {
    for (const a of ['indent', 'data-depth', 'data-level', 'data-indent']) {
      const v = e.getAttribute(a);
      if (v && /^\d+$/.test(v)) return Number(v);
    }
    const role = e.getAttribute('role');
    if (role && ROLE_KEYS.has(role) && /^\d+$/.test(e.getAttribute('aria-level') ?? '')) return Number(e.getAttribute('aria-level')) - 1;
  }
  for (const e of frame.querySelectorAll('[indent], [data-depth], [data-level], [data-indent]')) {
    let other = false;
    for (let x: Element | null = e; x && x !== frame; x = x.parentElement) if (x !== block && set.has(x)) other = true;
    if (other) continue;
    for (const a of ['indent', 'data-depth', 'data-level', 'data-indent']) {
      const v = e.getAttribute(a);
      if (v && /^\d+$/.test(v)) return Number(v);
    }
  }
  return null;
}

function inlinePad(block: Element, frame: Element): number | null {
  let total = 0;
  let seen = false;
  for (let e: Element | null = block; e; e = e === frame ? null : e.parentElement) {
    const style = e.getAttribute('style') ?? '';
    for (const m of style.matchAll(/(?:^|;)\s*(?:padding|margin)-left\s*:\s*(\d+(?:\.\d+)?)px/gi)) {
      total += Number(m[1]);
      seen = true;
    }
  }
  return seen ? total : null;
}

/** Depth and parent of every block: by nesting, indentation attributes, inline indentation, or repeated ancestors. */
export function structureBlocks(blocks: Block[], set: ReadonlySet<Element>): void {
  if (blocks.length === 0) return;
  // 1. Blocks inside blocks.
  let nested = false;
  for (const b of blocks) {
    for (let p = b.el.parentElement; p; p = p.parentElement) {
      if (set.has(p)) {
        nested = true;
        break;
      }
    }
  }
  const byEl = new Map(blocks.map((b) => [b.el, b]));
  if (nested) {
    for (const b of blocks) {
      let depth = 0;
      let parent: Block | null = null;
      for (let p = b.el.parentElement; p; p = p.parentElement) {
        const pb = byEl.get(p);
        if (!pb) continue;
        parent ??= pb;
        depth += 1;
      }
      b.depth = depth;
      b.parent = parent;
    }
    return;
  }
  // 2-4. Flat blocks: an indentation attribute, an inline indentation, or a container repeated once per level.
  const body = blocks[0]?.el.ownerDocument.body ?? null;
  const counts = memberCounts(set, body ?? blocks[0]!.el.ownerDocument.documentElement);
  const frames = blocks.map((b) => soloFrame(b.el, counts));
  let levels: Array<number | null> = blocks.map((b, i) => indentOf(b.el, frames[i]!, set));
  if (levels.every((l) => l === null)) {
    const pads = blocks.map((b, i) => inlinePad(b.el, frames[i]!));
    const values = [...new Set(pads.filter((p): p is number => p !== null))].sort((a, b) => a - b);
    if (values.length > 1) {
      let step = Infinity;
      for (let i = 1; i < values.length; i++) step = Math.min(step, values[i]! - values[i - 1]!);
      levels = pads.map((p) => (p === null ? 0 : Math.round((p - values[0]!) / step)));
    }
  }
  if (levels.every((l) => l === null)) {
    const counts = blocks.map((b) => {
      const m = new Map<string, number>();
      for (let p = b.el.parentElement; p && p.tagName !== 'BODY'; p = p.parentElement) {
        const s = fullSignature(p);
        m.set(s, (m.get(s) ?? 0) + 1);
      }
      return m;
    });
    const sigs = new Set(counts.flatMap((m) => [...m.keys()]));
    let bestSig: string | null = null;
    let bestSpread = 0;
    for (const s of sigs) {
      const values = counts.map((m) => m.get(s) ?? 0);
      // A container of (nearly) every post, repeated once per level; a post outside it (the story above the comments) is top level.
      const present = values.filter((v) => v > 0);
      if (present.length < 0.8 * values.length) continue;
      const min = Math.min(...present);
      const spread = present.reduce((n, v) => n + v - min, 0);
      if (spread > bestSpread) {
        bestSpread = spread;
        bestSig = s;
      }
    }
    if (bestSig) {
      const values = counts.map((m) => m.get(bestSig!) ?? 0);
      const min = Math.min(...values.filter((v) => v > 0));
      levels = values.map((v) => (v > 0 ? v - min : 0));
    }
  }
  const known = levels.filter((l): l is number => l !== null);
  const min = known.length > 0 ? Math.min(...known) : 0;
  const stack: Block[] = [];
  blocks.forEach((b, i) => {
    const d = Math.max(0, (levels[i] ?? min) - min);
    b.depth = Math.min(d, stack.length);
    stack.length = b.depth;
    b.parent = b.depth > 0 ? stack[b.depth - 1]! : null;
    stack.push(b);
  });
}

/** Each block's frame: the highest ancestor holding only it and (at most) its replies. */
function frameOf(b: Block, size: number, counts: ReadonlyMap<Element, number>): Element {
  let f = b.el;
  for (let p = b.el.parentElement; p && p.tagName !== 'BODY'; p = p.parentElement) {
    if ((counts.get(p) ?? 0) > size) break;
    f = p;
  }
  return f;
}

const ANCHOR_ID = /(^|[-_])(post|comment|message|answer|reply|entry|issue|issuecomment|thing|msg|p|c|t1|t3)[-_]?[a-z]*\d|^\d{4,}$/i;

/** The fragment of the permalink around the post's time ("#issuecomment-123", "#c_vmrtbe"). */
function permalinkId(time: TimeFound | null): string | null {
  const a = time?.el.closest('a[href]');
  const frag = /#([\w-]*\d[\w-]*)$/.exec(a?.getAttribute('href') ?? '')?.[1];
  return frag ?? null;
}

function pageIdOf(b: Block, frame: Element, set: ReadonlySet<Element>): string | null {
  for (let e: Element | null = b.el; e; e = e === frame ? null : e.parentElement) {
    const id = idOf(e);
    if (id) return id;
  }
  for (const e of b.el.querySelectorAll('[id], a[name]')) {
    if (!ownedBy(e, b.el, set)) continue;
    const v = e.getAttribute('id') || e.getAttribute('name') || '';
    if (ANCHOR_ID.test(v)) return v;
  }
  return permalinkId(b.time);
}

export interface ListingRow {
  row: Element;
  title: HTMLAnchorElement;
  block: Block;
}

export interface StructureResult {
  /** The repeated post blocks, document order, with depth and parent. */
  blocks: Block[];
  /** The opening post, when the page shows it apart from the repeated blocks (HN's story, a GitHub issue body). */
  opening: Block | null;
  /** Rows of a topic list (front page, recent topics) instead of a thread. */
  listing: ListingRow[];
  /** Block element -> its row (outermost element holding only it and its replies). */
  frames: Map<Element, Element>;
  groupKey: string | null;
}

const EMPTY: StructureResult = { blocks: [], opening: null, listing: [], frames: new Map(), groupKey: null };

/** Assigns page ids (or stable hashes) and frames to blocks whose depth and parent are known. */
export function finishBlocks(blocks: Block[], set: ReadonlySet<Element>): Map<Element, Element> {
  if (blocks.length === 0) return new Map();
  const size = new Map<Block, number>();
  for (const b of blocks) for (let p: Block | null = b; p; p = p.parent) size.set(p, (size.get(p) ?? 0) + 1);
  const doc = blocks[0]?.el.ownerDocument;
  const counts = memberCounts(set, doc?.body ?? doc?.documentElement ?? blocks[0]!.el);
  const frames = new Map<Element, Element>();
  for (const b of blocks) {
    const frame = frameOf(b, size.get(b) ?? 1, counts);
    frames.set(b.el, frame);
    b.pageId = pageIdOf(b, frame, set);
    if (b.score === null && b.likeCount === null && frame !== b.el) {
      // Votes are often beside the post's box (Lobsters' voters column).
      const others = new Set([...set].filter((e) => e !== b.el));
      const counts = findCounts(frame, others, b.bodyEl);
      b.score = counts.score;
      b.likeCount = counts.likeCount;
    }
  }
  // Ids the page repeats are not ids.
  const seen = new Map<string, number>();
  for (const b of blocks) if (b.pageId) seen.set(b.pageId, (seen.get(b.pageId) ?? 0) + 1);
  for (const b of blocks) if (b.pageId && seen.get(b.pageId)! > 1) b.pageId = null;
  return frames;
}

/** Stable id for a post the page gives no id: hash of author and time, and its rank among equal hashes. */
export function fallbackIds(items: ReadonlyArray<{ author: string | null; createdAt: string | null; text: string }>): string[] {
  const rank = new Map<string, number>();
  return items.map((p) => {
    const h = hashOf(`${p.author ?? ''}|${p.createdAt ?? ''}|${p.createdAt ? '' : p.text.slice(0, 80)}`);
    const n = rank.get(h) ?? 0;
    rank.set(h, n + 1);
    return `${h}-${n}`;
  });
}

export function threadTitleText(doc: Document): string {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim();
  return og || (doc.title ?? '').trim();
}

/** Does the element show the thread's title (as a heading or title link)? */
export function holdsTitle(el: Element, title: string): boolean {
  const t = title.replace(/\s+/g, ' ').trim().toLowerCase();
  if (t.length < 4) return false;
  for (const h of el.querySelectorAll('h1, h2, h3, a[href], [itemprop="headline"], [itemprop="name"], .title, .titleline')) {
    const x = (h.textContent ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (x.length >= 4 && (t === x || t.startsWith(x) || x.startsWith(t))) return true;
  }
  return false;
}

/** The opening post shown apart from the repeated blocks, before the first of them. */
function findOpening(doc: Document, sig: PageSignals, blocks: Block[], set: ReadonlySet<Element>): Block | null {
  const first = blocks[0];
  if (!first || !doc.body) return null;
  const title = threadTitleText(doc);
  if (title && holdsTitle(first.el, title)) return null;
  const inBlock = (e: Element) => blocks.some((b) => b.el.contains(e));
  const before = sig.authors.filter(
    (a) => a.compareDocumentPosition(first.el) & 4 && !inBlock(a) && !a.closest('nav, aside, footer, .side, .sidebar, [role="navigation"], [role="banner"], [role="complementary"]') && !inSideLine(a, doc.body),
  );
  const containsBlock = (e: Element) => blocks.some((b) => e.contains(b.el));
  for (const a of before) {
    // The author's line: the nearest ancestor that also holds a time.
    let header: Element | null = a.parentElement;
    let time: TimeFound | null = null;
    for (let i = 0; i < 6 && header && header !== doc.body && !containsBlock(header); i++, header = header.parentElement) {
      time = sig.times.find((t) => header!.contains(t.el) && !inBlock(t.el) && !inSideLine(t.el, header!)) ?? null;
      if (time) break;
    }
    if (!time || !header || containsBlock(header)) continue;
    let frame: Element = header;
    while (frame.parentElement && frame.parentElement !== doc.body && !containsBlock(frame.parentElement)) frame = frame.parentElement;
    const b = readBlock(frame, { ...sig, authors: [a, ...sig.authors.filter((x) => x !== a)] }, set);
    if (!b.author || !b.time) continue;
    // Its text: the frame without title and author lines, and what follows it up to the replies.
    const skip = new Set<Element>(set);
    for (const h of frame.querySelectorAll('h1, h2, [itemprop="headline"], [itemprop="name"]')) skip.add(h);
    for (const l of frame.querySelectorAll('a[href], span, div')) {
      const t = (l.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (t && title && (title === t || (t.length > 10 && title.startsWith(t)))) skip.add(l);
    }
    for (const h of headerOf(frame, b.author.el, b.time.el)) skip.add(h);
    const parts = [b.bodyEl ? textWithout(b.bodyEl, { skip }) : textWithout(frame, { skip })];
    let next = frame.nextElementSibling;
    for (let i = 0; i < 3 && next && !containsBlock(next); i++, next = next.nextElementSibling) {
      if (sig.authors.some((x) => next!.contains(x))) break;
      parts.push(textWithout(next, { skip }));
    }
    b.text = parts.filter(Boolean).join('\n').trim();
    b.bodyEl = null;
    b.pageId = idOf(frame) ?? permalinkId(b.time) ?? [...frame.querySelectorAll('[id]')].map((e) => e.id).find((v) => ANCHOR_ID.test(v)) ?? null;
    // The same post as the first block (a thread header naming the starter)?
    const same = blocks.find((x) => x.author?.name === b.author?.name && sameInstant(x.time, b.time));
    if (same) return null;
    return b;
  }
  return null;
}

function sameInstant(a: TimeFound | null, b: TimeFound | null): boolean {
  if (!a?.date.iso || !b?.date.iso) return false;
  if (a.date.iso === b.date.iso) return true;
  if (!a.date.hasTime || !b.date.hasTime) return a.date.iso.slice(0, 10) === b.date.iso.slice(0, 10);
  return false;
}

/**
 * Blocks after the thread, outside the container holding most of it ("more posts from
 * this community" below the comments), are not the thread's posts.
 */
function dropTrailingStrays(blocks: Block[]): Block[] {
  if (blocks.length < 10) return blocks;
  const need = Math.ceil(0.8 * blocks.length);
  let main: Element | null = null;
  for (let p = blocks[0]!.el.parentElement; p; p = p.parentElement) {
    const inside = blocks.filter((b) => p!.contains(b.el)).length;
    if (inside >= need) {
      main = p;
      break;
    }
  }
  // The deepest container holding 80%: start from a block in the middle.
  const mid = blocks[Math.floor(blocks.length / 2)]!.el;
  for (let p = mid.parentElement; p; p = p.parentElement) {
    if (blocks.filter((b) => p!.contains(b.el)).length >= need) {
      main = p;
      break;
    }
  }
  if (!main) return blocks;
  const lastInside = blocks.map((b) => main!.contains(b.el)).lastIndexOf(true);
  const strays = blocks.filter((b, i) => i > lastInside && !main!.contains(b.el));
  if (strays.length === 0 || strays.length > 0.1 * blocks.length) return blocks;
  return blocks.filter((b) => !strays.includes(b));
}

/** A CSS selector for a group key (`div.Comment`, `li[component=post]`); null for a bare tag. */
function keySelector(key: string): string | null {
  const cls = /^([a-z0-9-]+)\.(.+)$/i.exec(key);
  if (cls) return `${cls[1]}.${cls[2]!.replace(/[^\w-]/g, (c) => `\\${c}`)}`;
  const attr = /^([a-z0-9-]+)\[([a-z-]+)=(.*)\]$/i.exec(key);
  if (attr) return `${attr[1]}[${attr[2]}="${attr[3]!.replace(/["\\]/g, '\\$&')}"]`;
  return null;
}

/**
 * Posts of the same kind whose author was deleted ("[deleted]"): elements matching the
 * group's signature that show a time and text but no author link.
 */
function withAuthorless(doc: Document, best: Evaluated, sig: PageSignals, blocks: Block[]): Block[] {
  const sel = keySelector(best.group.key);
  if (!sel || blocks.length < 3) return blocks;
  let extra: Element[];
  try {
    extra = [...doc.querySelectorAll(sel)].filter((e) => !best.group.set.has(e));
  } catch {
    return blocks;
  }
  // Only elements placed like the posts found (same kind of parent), not a page wrapper that happens to share a class.
  const parents = new Set(blocks.map((b) => (b.el.parentElement ? fullSignature(b.el.parentElement) : '')));
  extra = extra.filter(
    (e) => e.parentElement && parents.has(fullSignature(e.parentElement)) && blocks.filter((b) => e.contains(b.el)).length <= Math.max(1, 0.2 * blocks.length),
  );
  if (extra.length === 0) return blocks;
  const set = new Set([...blocks.map((b) => b.el), ...extra]);
  const added: Block[] = [];
  for (const e of extra) {
    const b = readBlock(e, sig, set);
    if (b.author?.name || !b.time || meaningful(b.text).length < 2) continue;
    b.author = null;
    added.push(b);
  }
  if (added.length === 0) return blocks;
  return [...blocks, ...added].sort((a, b) => byDocOrder(a.el, b.el));
}

/** Finds the thread's posts (or a topic list's rows) by structure alone. */
export function readStructure(doc: Document, url: URL, sig: PageSignals, opts: { limit?: number; opening?: boolean } = {}): StructureResult {
  const body = doc.body;
  if (!body || sig.authors.length === 0 || sig.times.length === 0) return EMPTY;
  const groups = buildGroups(body, sig);
  if (groups.length === 0) return EMPTY;
  // Full reading only for the strongest candidates.
  // Keys naming the same elements (div.thing, div.comment…) are one candidate.
  const distinct: Group[] = [];
  const seenSets = new Set<string>();
  const index = new Map<Element, number>();
  for (const g of groups) {
    const id = g.members.map((m) => {
      let i = index.get(m);
      if (i === undefined) index.set(m, (i = index.size));
      return i;
    }).join(',');
    if (seenSets.has(id)) continue;
    seenSets.add(id);
    distinct.push(g);
  }
  const top = distinct.slice(0, opts.limit ?? 12);
  const cache = new Map<Element, Block>();
  const evaluated = top.map((g) => evaluate(g, sig, cache));
  const ranked = evaluated.filter((e) => e.posts.length >= 2).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));

  // A topic list: rows with an author and a time whose title links to another page.
  const listingOf = (e: Evaluated): ListingRow[] => {
    const counts = e.group.counts;
    const rows: ListingRow[] = [];
    for (const b of e.blocks) {
      if (!b.author || !b.time) continue;
      let row = soloFrame(b.el, counts);
      let title = titleLink(row, sig, url, b);
      if (!title) {
        // Hacker News: the title is on the row above the author line.
        const prev = row.previousElementSibling;
        if (prev && !sig.authors.some((a) => prev.contains(a))) {
          const t = titleLink(prev, sig, url, null);
          if (t) {
            title = t;
            row = prev;
          }
        }
      }
      if (title) rows.push({ row, title, block: b });
    }
    return rows;
  };

  // A topic list: a group of rows titled with links to other pages, holding the would-be posts.
  let list: ListingRow[] = [];
  for (const e of evaluated) {
    const r = listingOf(e);
    const distinct = new Set(r.map((x) => x.title.href)).size;
    const withAuthor = e.blocks.filter((b) => b.author && b.time).length;
    if (r.length >= 2 && distinct >= 0.8 * r.length && r.length >= 0.6 * withAuthor && r.length > list.length) list = r;
  }
  const best = ranked[0];
  const holds = (rows: ListingRow[], blocks: Block[]) =>
    blocks.filter((b) => rows.some((r) => r.row.contains(b.el) || b.el.contains(r.row) || r.block.el === b.el)).length;
  if (best && !(list.length > 0 && holds(list, best.posts) >= 0.6 * best.posts.length)) {
    const blocks = withAuthorless(doc, best, sig, dropTrailingStrays(best.posts));
    const set = new Set(blocks.map((b) => b.el));
    structureBlocks(blocks, set);
    const frames = finishBlocks(blocks, set);
    const opening = opts.opening === false ? null : findOpening(doc, sig, blocks, set);
    return { blocks, opening, listing: [], frames, groupKey: best.group.key };
  }
  return { ...EMPTY, listing: list };
}
