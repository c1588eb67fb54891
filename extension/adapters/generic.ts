import { absoluteUrl, countOf } from './dom-text';
import { type SchemaPost, hasCommerceSchema, hasDiscussionSchema, readJsonLd, readMicrodata } from './generic/schema-org';
import { type GenericSelectors, cleanSelectors, readWithSelectors, validateSelectors } from './generic/selectors';
import { authorCandidates, idOf, isBodyCandidate, meaningful, nameText, ownElements, ownedBy, textWithout } from './generic/signals';
import {
  type Block,
  type ListingRow,
  type PageSignals,
  fallbackIds,
  holdsTitle,
  pageSignals,
  readBlock,
  readStructure,
  threadTitleText,
} from './generic/structure';
import { neverThrows, page as pageRecord, post as postRecord, thread as threadRecord } from './records';
import type { AdapterResult, ListingElements, PageKind, PostElements, PostRecord, PostRole, SiteAdapter, ThreadRecord } from './types';

export type { GenericSelectors } from './generic/selectors';
export { validateSelectors } from './generic/selectors';

/**
 * The adapter for forums without an adapter of their own. It reads, in this order:
 *  1. schema.org posts the page declares (microdata items are elements; JSON-LD posts are
 *     matched to the DOM post with the same author and time, else kept without element);
 *  2. the owner's CSS selectors when given, else a structural heuristic: repeated blocks
 *     (same tag and class) each holding an author link, a time and some text
 *     (generic/structure.ts);
 *  3. an opening post shown apart from the repeated blocks (a story above its comments).
 * A page whose repeated blocks are rows titled with links to other pages is a topic list
 * (`kind: 'listing'`).
 *
 * Posts added later (infinite scroll, "load more", single-page navigation) are new blocks
 * of the same signature: reading the page again finds them, and ids stay stable (the
 * page's own ids, else a hash of author and time with a rank among equal hashes, not a
 * position). Nothing here keeps state between readings.
 */

const ENGINE = 'generic';
const DATA_ID = /^data-(pid|post-?id|question-?id|answer-?id|comment-?id|message-?id|id)$/i;

interface Draft {
  source: 'microdata' | 'jsonld' | 'block' | 'opening';
  el: Element | null;
  authorEl: Element | null;
  pageId: string | null;
  author: string | null;
  authorName: string | null;
  authorUrl: string | null;
  createdAt: string | null;
  dateOnly: boolean;
  /** A time was shown, but only relative ("3 hours ago"). */
  relativeTime: boolean;
  /** A time of day shown without a zone, read as UTC. */
  unzoned: boolean;
  text: string;
  likeCount: number | null;
  score: number | null;
  isAccepted: boolean | null;
  type: string | null;
  parent: Draft | null;
  depth: number;
  role: PostRole;
  schema: SchemaPost[];
  block: Block | null;
}

function draft(source: Draft['source']): Draft {
  return {
    source,
    el: null,
    authorEl: null,
    pageId: null,
    author: null,
    authorName: null,
    authorUrl: null,
    createdAt: null,
    dateOnly: false,
    relativeTime: false,
    unzoned: false,
    text: '',
    likeCount: null,
    score: null,
    isAccepted: null,
    type: null,
    parent: null,
    depth: 0,
    role: 'reply',
    schema: [],
    block: null,
  };
}

function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const n = (s: string) => s.trim().replace(/^@|^u\//, '').toLowerCase();
  return n(a) === n(b);
}

function sameTime(a: string | null, aDateOnly: boolean, b: string | null, bDateOnly: boolean): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (aDateOnly || bDateOnly) return a.slice(0, 10) === b.slice(0, 10);
  return Math.abs(Date.parse(a) - Date.parse(b)) < 1000;
}

/** Fills a draft's empty fields from a block reading. */
function fillFromBlock(d: Draft, b: Block): void {
  d.block = b;
  if (!d.authorEl && b.author) d.authorEl = b.author.el;
  if (!d.author && b.author?.name) {
    d.author = b.author.name;
    d.authorName = b.author.displayName;
  }
  if (!d.authorUrl && b.author?.url) d.authorUrl = b.author.url;
  if (!d.createdAt && b.time) {
    d.createdAt = b.time.date.iso;
    d.relativeTime = b.time.date.iso === null;
    d.unzoned = b.time.date.iso !== null && !b.time.date.zoned;
  }
  if (!d.text && b.text) d.text = b.text;
  if (d.likeCount === null) d.likeCount = b.likeCount;
  if (d.score === null) d.score = b.score;
  if (!d.pageId && b.pageId) d.pageId = b.pageId;
  if (d.isAccepted === null && b.accepted) d.isAccepted = true;
}

function fromSchema(p: SchemaPost): Draft {
  const d = draft(p.source);
  d.el = p.el;
  d.authorEl = p.authorEl;
  d.pageId = p.id;
  d.author = p.author;
  d.authorUrl = p.authorUrl;
  d.createdAt = p.createdAt;
  d.dateOnly = p.dateOnly;
  d.text = p.text && p.text !== p.headline ? p.text : '';
  d.likeCount = p.likeCount;
  d.score = p.score;
  d.isAccepted = p.isAccepted;
  d.type = p.type;
  d.schema = [p];
  return d;
}

/** Adds a JSON-LD (or duplicate microdata) reading of the same post to a draft. */
function absorb(d: Draft, p: SchemaPost): void {
  d.schema.push(p);
  d.author ??= p.author;
  d.authorUrl ??= p.authorUrl;
  if (!d.createdAt || (d.dateOnly && p.createdAt && !p.dateOnly)) {
    d.createdAt = p.createdAt ?? d.createdAt;
    d.dateOnly = p.dateOnly;
  }
  if (!d.text && p.text && p.text !== p.headline) d.text = p.text;
  d.likeCount ??= p.likeCount;
  d.score ??= p.score;
  if (d.isAccepted === null) d.isAccepted = p.isAccepted;
  if (!d.type || (d.type === 'Comment' && p.type !== 'Comment')) d.type = p.type;
  d.pageId ??= p.id;
}

function byDocOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}

/** Is the page a later page of a paginated thread (its first post is not the opening)? */
function laterPage(url: URL): boolean {
  for (const [k, v] of url.searchParams) {
    if (/^(start|offset)$/i.test(k) && Number(v) > 0) return true;
    if (/^(page|p|pg)$/i.test(k) && /^\d+$/.test(v) && Number(v) > 1) return true;
  }
  const m = /\/page[-/]?(\d+)\/?$/i.exec(url.pathname);
  return !!m && Number(m[1]) > 1;
}

function looksLikeReply(el: Element): boolean {
  const h = el.querySelector('h1, h2, h3, h4, [class*="title"]');
  return /^\s*(re|aw|sv|antw)\s*:/i.test(h?.textContent ?? '');
}

/** Finds the element of a JSON-LD post: a time of the same instant near a link to the same author. */
function locate(p: SchemaPost, sig: PageSignals, taken: Element[]): { el: Element; authorEl: Element } | null {
  if (!p.createdAt || !p.author) return null;
  const inTaken = (e: Element) => taken.some((t) => t.contains(e) || e.contains(t));
  for (const t of sig.times) {
    if (!t.date.iso || !sameTime(t.date.iso, !t.date.hasTime, p.createdAt, p.dateOnly) || inTaken(t.el)) continue;
    let anc: Element | null = t.el.parentElement;
    for (let i = 0; i < 8 && anc && anc.tagName !== 'BODY'; i++, anc = anc.parentElement) {
      if (taken.some((x) => anc!.contains(x))) break;
      const a = sig.authors.find((c) => anc!.contains(c) && (sameName(nameText(c), p.author) || (p.authorUrl && absoluteUrl(c.getAttribute('href'), sig.base) === p.authorUrl)));
      if (!a) continue;
      // Widen to the post's box: up to the last ancestor holding no other post.
      let el: Element = anc;
      while (el.parentElement && el.parentElement.tagName !== 'BODY' && !taken.some((x) => el.parentElement!.contains(x))) el = el.parentElement;
      return { el, authorEl: a };
    }
  }
  return null;
}

/** Where the badge goes: never a link (it would become part of it), so the element around a linked name. */
function badgeSpot(authorEl: Element | null): Element | null {
  if (!authorEl) return null;
  const link = authorEl.closest('a');
  return link ? link.parentElement : authorEl;
}

/** The submitted link of a link post: the opening post's title link to another site. */
function linkUrlOf(opening: Draft | null, title: string | null, url: URL): string | null {
  if (!opening?.el || !title) return null;
  for (const a of opening.el.querySelectorAll('a[href]')) {
    const t = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length < 4 || !(title === t || title.startsWith(t))) continue;
    const abs = absoluteUrl(a.getAttribute('href'), url);
    if (abs && new URL(abs).host !== url.host) return abs;
  }
  return null;
}

function isTopType(type: string | null): boolean {
  return type === 'DiscussionForumPosting' || type === 'SocialMediaPosting' || type === 'Question';
}

function buildThread(doc: Document, url: URL, drafts: Draft[], topic: SchemaPost | null, selectorTitle: string | null): ThreadRecord {
  const canonical =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null;
  const threadUrl = absoluteUrl(canonical, url) ?? url.href.replace(/#.*$/, '');
  let id: string;
  try {
    const u = new URL(threadUrl);
    id = `${u.pathname}${u.search}` || '/';
  } catch {
    id = url.pathname;
  }
  const opening = drafts.find((d) => d.role === 'opening') ?? null;
  const schemaTop = topic ?? opening?.schema.find((s) => isTopType(s.type)) ?? null;
  const docTitle = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  const title =
    topic?.headline ??
    schemaTop?.headline ??
    selectorTitle ??
    doc.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() ??
    headingTitle(doc, drafts, docTitle) ??
    (docTitle || null);
  // A topic item or JSON-LD speaks for the thread; a microdata post item only for itself.
  const threadCounts = !!schemaTop && (schemaTop === topic || schemaTop.source === 'jsonld' || schemaTop.type === 'Question');
  const replies = drafts.filter((d) => d.role !== 'opening').length;
  return threadRecord(id, {
    title,
    url: threadUrl,
    category: schemaTop?.category ?? null,
    tags: schemaTop?.tags ?? [],
    author: opening?.author ?? schemaTop?.author ?? null,
    createdAt: opening?.createdAt ?? schemaTop?.createdAt ?? null,
    replyCount: (threadCounts ? (schemaTop?.answerCount ?? schemaTop?.commentCount) : null) ?? (drafts.length > 0 ? replies : null),
    likeCount: (threadCounts ? schemaTop?.likeCount : null) ?? opening?.likeCount ?? null,
    score: opening?.score ?? schemaTop?.score ?? null,
    linkUrl: linkUrlOf(opening, title, new URL(threadUrl)),
  });
}

/** The thread's title as a heading: the last h1/h2 before the first post that the document title contains; a title link of the opening post. */
function headingTitle(doc: Document, drafts: Draft[], docTitle: string): string | null {
  const firstEl = drafts.find((d) => d.el)?.el ?? null;
  let best: string | null = null;
  for (const h of doc.querySelectorAll('h1, h2')) {
    if (firstEl && !(h.compareDocumentPosition(firstEl) & 4)) break;
    const t = textWithout(h).replace(/\s+/g, ' ').trim();
    if (t.length >= 4 && docTitle.includes(t)) best = t;
  }
  if (best) return best;
  const opening = drafts.find((d) => d.role === 'opening');
  if (opening?.el && docTitle) {
    for (const a of opening.el.querySelectorAll('a[href], h1, h2, h3, .title, .titleline')) {
      const t = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (t.length >= 4 && docTitle.startsWith(t)) return t;
    }
  }
  const h1 = [...doc.querySelectorAll('h1')].map((h) => textWithout(h).replace(/\s+/g, ' ').trim()).filter(Boolean);
  return h1.length === 1 ? h1[0]! : null;
}

/** The opening post's words shown right after it, outside its block (Lobsters' story text). */
function textAfter(d: Draft, drafts: Draft[], sig: PageSignals | null): string {
  if (!d.el || !sig) return '';
  const others = drafts.filter((o) => o !== d && o.el).map((o) => o.el!);
  let frame: Element = d.el;
  while (frame.parentElement && frame.parentElement.tagName !== 'BODY' && !others.some((o) => frame.parentElement!.contains(o))) frame = frame.parentElement;
  const parts: string[] = [];
  let next = frame.nextElementSibling;
  for (let i = 0; i < 3 && next; i++, next = next.nextElementSibling) {
    if (others.some((o) => next!.contains(o)) || sig.authors.some((a) => next!.contains(a))) break;
    if (!isBodyCandidate(next) && !next.querySelector('[itemprop="text"], [class*="content"], [class*="text"], [class*="body"]')) continue;
    parts.push(textWithout(next));
  }
  return parts.filter(Boolean).join('\n');
}

function listingRecords(rows: ListingRow[], url: URL): { listing: ThreadRecord[]; elements: Map<string, ListingElements> } {
  const listing: ThreadRecord[] = [];
  const elements = new Map<string, ListingElements>();
  const ids = fallbackIds(rows.map((r) => ({ author: r.title.getAttribute('href'), createdAt: null, text: '' })));
  rows.forEach((r, i) => {
    const attrId = ['data-tid', 'data-topic-id', 'data-thread-id', 'data-id', 'id']
      .map((a) => r.row.getAttribute(a)?.trim())
      .find((v) => v && /\d/.test(v) && v.length <= 100);
    let id = attrId ?? ids[i]!;
    if (elements.has(id)) id = `${id}-${i}`;
    const rowText = `${r.row.textContent ?? ''}\n${r.block.el.textContent ?? ''}`.replace(/[^\S\n]+/g, ' ');
    const comments = /(\d[\d,.]*\s*[kK]?)\s*(comments?|replies|answers)\b/i.exec(rowText);
    const postsN = /(\d[\d,.]*)\s*\n?\s*posts?\b/i.exec(rowText);
    listing.push(
      threadRecord(id, {
        title: (r.title.textContent ?? '').replace(/\s+/g, ' ').trim() || null,
        url: absoluteUrl(r.title.getAttribute('href'), url),
        author: r.block.author?.name ?? null,
        createdAt: r.block.time?.date.iso ?? null,
        score: r.block.score,
        replyCount: comments ? countOf(comments[1]) : postsN ? Math.max(0, (countOf(postsN[1]) ?? 1) - 1) : null,
      }),
    );
    elements.set(id, { row: r.row, title: r.title });
  });
  return { listing, elements };
}

function read(doc: Document, url: URL, selectors: GenericSelectors | undefined, selectorErrors: string[]): AdapterResult {
  const problems: string[] = [...selectorErrors.map((e) => `generic: selectors: ${e}`)];
  const sig = pageSignals(doc, url);
  const micro = readMicrodata(doc, url);
  const jsonld = readJsonLd(doc, url, problems);

  // 1. Microdata posts. A topic item repeating its first post (NodeBB) is the thread, not a post.
  let topic: SchemaPost | null = null;
  const drafts: Draft[] = [];
  for (const m of micro) {
    const twin = micro.find(
      (o) => o !== m && sameName(o.author, m.author) && sameTime(o.createdAt, o.dateOnly, m.createdAt, m.dateOnly) && !!o.text && o.text !== o.headline,
    );
    if (isTopType(m.type) && (!m.text || m.text === m.headline) && twin) {
      topic ??= m;
      continue;
    }
    drafts.push(fromSchema(m));
  }

  // 2. DOM posts: the owner's selectors, else the heuristic.
  let blocks: Block[] = [];
  let opening: Block | null = null;
  let listingRows: ListingRow[] = [];
  let selectorTitle: string | null = null;
  if (sig && selectors && selectorErrors.length === 0) {
    const r = readWithSelectors(doc, url, selectors, sig, problems);
    blocks = r.blocks;
    selectorTitle = r.title;
    if (blocks.length === 0) problems.push('generic: the post selector matches nothing on this page');
  } else if (sig && !selectors && (micro.length + jsonld.length > 0 || !hasCommerceSchema(doc))) {
    // A product page's customer reviews look like comments; without discussion markup it is not a thread.
    // With schema.org posts the page names its opening post itself (JSON-LD posts are located below).
    const st = readStructure(doc, url, sig, { opening: micro.length + jsonld.length === 0 });
    blocks = st.blocks;
    opening = st.opening;
    listingRows = st.listing;
  }

  const microEls = drafts.filter((d) => d.el);
  const draftOfBlock = new Map<Block, Draft>();
  for (const b of blocks) {
    // Same post as a microdata item?
    const same =
      microEls.find((d) => d.el === b.el) ??
      microEls.find((d) => b.el.contains(d.el!) && microEls.every((o) => o === d || !b.el.contains(o.el!) || d.el!.contains(o.el!))) ??
      (() => {
        const holder = microEls.filter((d) => d.el!.contains(b.el)).pop();
        if (!holder) return undefined;
        const authorOk = !holder.author || sameName(holder.author, b.author?.name);
        const timeOk = !holder.createdAt || sameTime(holder.createdAt, holder.dateOnly, b.time?.date.iso ?? null, !b.time?.date.hasTime);
        const known = !!holder.author || !!holder.createdAt;
        return authorOk && timeOk && known ? holder : undefined;
      })();
    if (same) {
      fillFromBlock(same, b);
      draftOfBlock.set(b, same);
      continue;
    }
    // A wrapper of several schema.org posts is not a post of its own.
    if (microEls.filter((d) => b.el.contains(d.el!)).length >= 2) continue;
    const d = draft('block');
    d.el = b.el;
    fillFromBlock(d, b);
    d.isAccepted = b.accepted ? true : null;
    draftOfBlock.set(b, d);
    drafts.push(d);
  }

  // Microdata items the page did not fill (no author or date property): read their element.
  if (sig) {
    const postEls = new Set(drafts.filter((d) => d.el).map((d) => d.el!));
    for (const d of drafts) {
      if (d.source !== 'microdata' || !d.el) continue;
      if (d.author && d.createdAt && d.text && d.authorEl && d.authorEl.tagName === 'A') continue;
      const b = readBlock(d.el, sig, postEls);
      const hadAuthor = !!d.author;
      fillFromBlock(d, b);
      // The visible name is where the badge goes: the element of the page naming the same person.
      if (b.author && (sameName(b.author.name, d.author) || !hadAuthor)) d.authorEl = b.author.el;
      else if (d.author) {
        const named = sig.authors.filter((a) => ownedBy(a, d.el!, postEls) && sameName(nameText(a), d.author));
        d.authorEl = named.find((a) => a.tagName === 'A') ?? named[0] ?? d.authorEl;
      }
    }
    for (const d of drafts) {
      if (d.source !== 'microdata' || !d.el || d.pageId) continue;
      // An id-like data attribute of the item's own part (Stack Exchange's data-questionid).
      const holder = ownElements(d.el, postEls, (e) => e !== d.el && [...e.attributes].some((a) => DATA_ID.test(a.name) && /\d/.test(a.value)))[0];
      const attr = holder ? [...holder.attributes].find((a) => DATA_ID.test(a.name) && /\d/.test(a.value)) : undefined;
      d.pageId = attr?.value.trim() || null;
    }
  }

  // 3. The opening post shown apart from the blocks.
  if (opening) {
    const d = draft('opening');
    d.el = opening.el;
    fillFromBlock(d, opening);
    d.role = 'opening';
    drafts.unshift(d);
  }

  // 4. JSON-LD: the same post as one on the page, else found by its time and author, else kept without element.
  for (const j of jsonld) {
    const match = drafts.find(
      (d) => !d.schema.some((s) => s.source === 'jsonld') && sameName(d.author, j.author) && sameTime(d.createdAt, d.dateOnly, j.createdAt, j.dateOnly),
    );
    if (match) {
      absorb(match, j);
      continue;
    }
    const d = fromSchema(j);
    const where = sig ? locate(j, sig, drafts.filter((x) => x.el).map((x) => x.el!)) : null;
    if (where && sig) {
      d.el = where.el;
      const b = readBlock(where.el, { ...sig, authors: [where.authorEl, ...sig.authors.filter((a) => a !== where.authorEl)] }, new Set());
      d.authorEl = where.authorEl;
      fillFromBlock(d, b);
      // The page's rendering of the text (quotes left out) rather than the JSON's source text.
      if (b.text) d.text = b.text;
      d.pageId ??= idOf(where.el) ?? (/#([\w-]*\d[\w-]*)$/.exec(b.time?.el.closest('a[href]')?.getAttribute('href') ?? '')?.[1] ?? null);
    }
    drafts.push(d);
  }
  const unplaced = drafts.filter((d) => d.source === 'jsonld' && !d.el).length;
  if (unplaced > 0) problems.push(`generic: ${unplaced} schema.org post(s) from JSON-LD have no matching element on the page`);

  // 5. Parents: schema nesting, block nesting, or the schema post holding a block.
  const draftOfSchema = new Map<SchemaPost, Draft>();
  for (const d of drafts) for (const s of d.schema) draftOfSchema.set(s, d);
  if (topic) {
    // The topic's first post is the opening post.
    const first = drafts.find((d) => sameName(d.author, topic!.author) && sameTime(d.createdAt, d.dateOnly, topic!.createdAt, topic!.dateOnly));
    if (first) {
      draftOfSchema.set(topic, first);
      first.type = topic.type;
      first.schema.push(topic);
    }
  }
  for (const d of drafts) {
    const s = d.schema.find((x) => x.parent);
    if (s?.parent) d.parent = draftOfSchema.get(s.parent) ?? null;
    else if (d.block?.parent && d.source !== 'microdata') d.parent = draftOfBlock.get(d.block.parent) ?? null;
    else if (d.source === 'block' && d.el) {
      const holder = drafts.filter((o) => o !== d && o.source === 'microdata' && o.el?.contains(d.el!)).pop();
      if (holder) d.parent = holder;
    }
    if (d.parent === d) d.parent = null;
  }

  // 6. Order: the page's order; the opening first; posts without element last.
  const withEl = drafts.filter((d) => d.el).sort((a, b) => byDocOrder(a.el!, b.el!));
  const without = drafts.filter((d) => !d.el);
  const ordered = [...without.filter((d) => !d.parent && isTopType(d.type)), ...withEl, ...without.filter((d) => d.parent || !isTopType(d.type))];
  const openingDraft = ordered.find((d) => d.source === 'opening');
  if (openingDraft) {
    ordered.splice(ordered.indexOf(openingDraft), 1);
    ordered.unshift(openingDraft);
  }

  // 7. Roles and depth.
  const title = threadTitleText(doc);
  const first = ordered[0];
  const qa = ordered.some((d) => d.type === 'Question' || d.type === 'Answer');
  for (const d of ordered) {
    if (d.source === 'opening') d.role = 'opening';
    else if (d.type === 'Question') d.role = 'opening';
    else if (d.type === 'Answer') d.role = 'answer';
    else if (qa && d.parent) d.role = 'comment';
    else d.role = 'reply';
  }
  if (first && first.role === 'reply' && !first.parent) {
    const others = ordered.slice(1);
    const titled = !!first.el && !!title && holdsTitle(first.el, title) && !others.some((o) => o.el && holdsTitle(o.el, title));
    const flat = ordered.every((d) => !d.parent);
    const schemaTop = isTopType(first.type) && first.schema.length > 0;
    if (titled || schemaTop || (flat && !laterPage(url) && !(first.el && looksLikeReply(first.el)))) first.role = 'opening';
  }
  const openingPost = ordered.find((d) => d.role === 'opening');
  for (const d of ordered) {
    // Replies to the opening post are top level (depth 0); comments on it are nested.
    if (d.parent && d.parent === openingPost && d.role !== 'comment') d.parent = null;
    let depth = 0;
    const seen = new Set<Draft>();
    for (let p = d.parent; p && !seen.has(p); p = p.parent) {
      seen.add(p);
      depth += 1;
      if (p === openingPost) break;
    }
    d.depth = depth;
  }

  // The opening post's text without the thread title it shows, with its words shown just below it.
  const threadTitle = title.replace(/\s+/g, ' ').trim();
  for (const d of ordered) {
    if (d.role !== 'opening' || d.source === 'microdata' || d.source === 'jsonld') continue;
    const lines = d.text.split('\n');
    // "Title • r/aww", "Title | Site": the longest part is the title proper.
    const core = threadTitle.split(/\s+[•|–—·-]\s+/).sort((a, b) => b.length - a.length)[0] ?? '';
    const headTitle =
      lines[0] && threadTitle && (threadTitle === lines[0] || threadTitle.startsWith(lines[0]) || lines[0].startsWith(threadTitle) || (core.length >= 8 && lines[0].startsWith(core)));
    // Around the title: its byline and counts ("submitted 15 hours ago by") are not words of the post.
    d.text = lines
      .slice(headTitle ? 1 : 0)
      .filter((l) => meaningful(l).length > 0)
      .join('\n')
      .trim();
    if (headTitle) {
      const extra = textAfter(d, ordered, sig);
      if (extra && !d.text.includes(extra)) d.text = [d.text, extra].filter(Boolean).join('\n');
    }
  }

  // 8. Ids: the page's own, else a hash of author and time.
  const hashes = fallbackIds(ordered.map((d) => ({ author: d.author, createdAt: d.createdAt, text: d.text })));
  const used = new Set<string>();
  const ids = ordered.map((d, i) => {
    let id = d.pageId && d.pageId.length <= 128 ? d.pageId : hashes[i]!;
    if (used.has(id)) id = hashes[i]!;
    while (used.has(id)) id = `${id}+`;
    used.add(id);
    return id;
  });
  const idOfDraft = new Map(ordered.map((d, i) => [d, ids[i]!]));

  const posts: PostRecord[] = ordered.map((d, i) =>
    postRecord(ids[i]!, {
      author: d.author,
      authorName: d.authorName && d.authorName !== d.author ? d.authorName : null,
      authorUrl: d.authorUrl,
      createdAt: d.createdAt,
      text: d.text,
      likeCount: d.likeCount,
      score: d.score,
      parentId: d.parent ? (idOfDraft.get(d.parent) ?? null) : null,
      depth: d.depth,
      role: d.role,
      isAccepted: d.type === 'Answer' ? (d.isAccepted ?? false) : d.isAccepted,
    }),
  );
  const elements = new Map<string, PostElements>();
  ordered.forEach((d, i) => {
    if (d.el && d.el.ownerDocument === doc) elements.set(ids[i]!, { post: d.el, author: badgeSpot(d.authorEl) });
  });

  // 9. What could not be read.
  const noAuthor = ordered.filter((d) => !d.author).length;
  const relative = ordered.filter((d) => !d.createdAt && d.relativeTime).length;
  const noDate = ordered.filter((d) => !d.createdAt && !d.relativeTime).length;
  if (noAuthor) problems.push(`generic: ${noAuthor} post(s) have no readable author`);
  if (relative) problems.push(`generic: ${relative} post(s) show only a relative time ("3 hours ago"); their dates are unknown`);
  if (noDate) problems.push(`generic: ${noDate} post(s) have no readable date`);
  if (ordered.some((d) => d.unzoned)) problems.push('generic: the page shows times without a time zone; they were read as UTC');

  let kind: PageKind = 'other';
  let listing: ThreadRecord[] = [];
  let listingElements: Map<string, ListingElements> | undefined;
  if (posts.length > 0) kind = 'thread';
  else if (listingRows.length > 0) {
    kind = 'listing';
    ({ listing, elements: listingElements } = listingRecords(listingRows, url));
  }
  const thread = kind === 'thread' ? buildThread(doc, url, ordered, topic, selectorTitle) : null;
  return {
    page: pageRecord(ENGINE, { kind, thread, posts, listing, problems }),
    elements,
    ...(listingElements ? { listingElements } : {}),
  };
}

/** Does the page look like a community thread: schema.org discussion markup, or at least two posts with author, time and text? */
function detect(doc: Document, url: URL, selectors: GenericSelectors | undefined, selectorErrors: string[]): boolean {
  if (selectors && selectorErrors.length === 0) {
    try {
      if (doc.querySelector(selectors.post)) return true;
    } catch {
      /* validated already */
    }
  }
  if (hasDiscussionSchema(doc)) return true;
  if (selectors || hasCommerceSchema(doc)) return false;
  const body = doc.body;
  if (!body) return false;
  // Cheap pre-check before the structural reading: a few profile links and times at least.
  if (authorCandidates(body, url).length < 2) return false;
  const sig = pageSignals(doc, url);
  if (!sig) return false;
  const st = readStructure(doc, url, sig, { opening: false, limit: 8 });
  return st.blocks.length >= 2;
}

/**
 * The generic adapter; with `selectors`, the owner's CSS selectors replace the structural
 * heuristic (schema.org markup is still read first). Invalid selectors never throw: they
 * are reported in `page.problems` and nothing is read from the DOM but schema.org posts.
 */
export function createGenericAdapter(selectors?: GenericSelectors): SiteAdapter {
  const clean = selectors ? cleanSelectors(selectors) : undefined;
  let errors: string[] | null = null;
  const errorsFor = (doc: Document) => (errors ??= clean ? validateSelectors(clean, doc) : []);
  return neverThrows({
    engine: ENGINE,
    detect: (doc, url) => detect(doc, url, clean, errorsFor(doc)),
    read: (doc, url) => read(doc, url, clean, errorsFor(doc)),
  });
}

export const genericAdapter: SiteAdapter = createGenericAdapter();
