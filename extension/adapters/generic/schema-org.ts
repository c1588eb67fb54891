import { absoluteUrl, textOfHtml } from '../dom-text';
import { parseDateAttr } from './dates';
import { idOf, textWithout } from './signals';

/**
 * schema.org posts a page declares: JSON-LD (`<script type="application/ld+json">`,
 * `@graph` arrays included) and microdata (`[itemscope][itemtype]`). Microdata items
 * are elements; JSON-LD gives data only (the adapter matches it to the DOM later).
 */

export const POST_TYPES = new Set(['DiscussionForumPosting', 'SocialMediaPosting', 'Comment', 'Answer', 'Question']);
const DISCUSSION_TYPES = new Set([...POST_TYPES, 'QAPage']);

export interface SchemaPost {
  type: string;
  source: 'microdata' | 'jsonld';
  /** The microdata item element; null for JSON-LD. */
  el: Element | null;
  /** The element naming the author (microdata). */
  authorEl: Element | null;
  id: string | null;
  author: string | null;
  authorUrl: string | null;
  createdAt: string | null;
  /** The date had no time of day (XenForo's JSON-LD "2010-11-21"). */
  dateOnly: boolean;
  text: string | null;
  headline: string | null;
  url: string | null;
  likeCount: number | null;
  commentCount: number | null;
  answerCount: number | null;
  score: number | null;
  isAccepted: boolean | null;
  category: string | null;
  tags: string[];
  parent: SchemaPost | null;
}

function typesOf(itemtype: string | null | undefined): string[] {
  return (itemtype ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => t.replace(/\/+$/, '').split(/[/#]/).pop() ?? '');
}

function postType(types: string[]): string | null {
  return types.find((t) => POST_TYPES.has(t)) ?? null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

function empty(type: string, source: SchemaPost['source']): SchemaPost {
  return {
    type,
    source,
    el: null,
    authorEl: null,
    id: null,
    author: null,
    authorUrl: null,
    createdAt: null,
    dateOnly: false,
    text: null,
    headline: null,
    url: null,
    likeCount: null,
    commentCount: null,
    answerCount: null,
    score: null,
    isAccepted: null,
    category: null,
    tags: [],
    parent: null,
  };
}

function setDate(p: SchemaPost, v: string | null | undefined): void {
  const d = parseDateAttr(v);
  if (!d?.iso) return;
  p.createdAt = d.iso;
  p.dateOnly = !d.hasTime;
}

function counter(p: SchemaPost, type: string, count: number | null): void {
  if (count === null) return;
  if (/LikeAction$/.test(type)) p.likeCount = count;
  else if (/(CommentAction|ReplyAction)$/.test(type)) p.commentCount = count;
}

/* ------------------------------------------------------------- microdata */

/** Property elements of an item: `[itemprop]` descendants whose nearest item is this one. */
function props(item: Element): Map<string, Element[]> {
  const out = new Map<string, Element[]>();
  for (const p of item.querySelectorAll('[itemprop]')) {
    if (p.parentElement?.closest('[itemscope]') !== item) continue;
    for (const name of (p.getAttribute('itemprop') ?? '').split(/\s+/)) {
      if (!name) continue;
      const l = out.get(name);
      if (l) l.push(p);
      else out.set(name, [p]);
    }
  }
  return out;
}

function valueOf(p: Element, base: URL): string {
  switch (p.tagName) {
    case 'META':
      return p.getAttribute('content') ?? '';
    case 'A':
    case 'LINK':
    case 'AREA':
      return absoluteUrl(p.getAttribute('href'), base) ?? p.getAttribute('href') ?? '';
    case 'IMG':
    case 'SOURCE':
      return p.getAttribute('src') ?? '';
    case 'TIME':
      return p.getAttribute('datetime') ?? (p.textContent ?? '').trim();
    case 'DATA':
    case 'METER':
      return p.getAttribute('value') ?? '';
    default:
      return p.getAttribute('content') ?? (p.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
}

function first(m: Map<string, Element[]>, ...names: string[]): Element | null {
  for (const n of names) {
    const e = m.get(n)?.[0];
    if (e) return e;
  }
  return null;
}

function readMicrodataPost(el: Element, type: string, base: URL): SchemaPost {
  const p = empty(type, 'microdata');
  p.el = el;
  const m = props(el);
  const authorEl = first(m, 'author', 'creator');
  if (authorEl) {
    p.authorEl = authorEl;
    if (authorEl.hasAttribute('itemscope')) {
      const am = props(authorEl);
      const nameEl = first(am, 'name', 'alternateName');
      p.author = nameEl ? valueOf(nameEl, base).trim() || null : null;
      const urlEl = first(am, 'url');
      p.authorUrl = urlEl ? absoluteUrl(valueOf(urlEl, base), base) : null;
      if (!p.author) p.author = (authorEl.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
    } else if (authorEl.tagName === 'A') {
      p.author = (authorEl.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
      p.authorUrl = absoluteUrl(authorEl.getAttribute('href'), base);
    } else {
      p.author = valueOf(authorEl, base).trim() || null;
    }
    if (p.author && p.author.length > 80) p.author = null;
  }
  const date = first(m, 'datePublished', 'dateCreated', 'uploadDate');
  if (date) setDate(p, valueOf(date, base));
  const text = first(m, 'text', 'articleBody');
  if (text) p.text = text.tagName === 'META' ? valueOf(text, base) : textWithout(text);
  const headline = first(m, 'headline', 'name');
  if (headline) p.headline = valueOf(headline, base).trim() || null;
  const url = first(m, 'url');
  if (url) p.url = absoluteUrl(valueOf(url, base), base);
  const up = first(m, 'upvoteCount');
  const down = first(m, 'downvoteCount');
  if (up) {
    const u = num(valueOf(up, base) || up.getAttribute('data-value'));
    if (u !== null) p.score = u - (down ? (num(valueOf(down, base)) ?? 0) : 0);
  }
  for (const stat of m.get('interactionStatistic') ?? []) {
    const sm = props(stat);
    const t = first(sm, 'interactionType');
    const c = first(sm, 'userInteractionCount');
    if (t && c) counter(p, valueOf(t, base), num(valueOf(c, base)));
  }
  const answers = first(m, 'answerCount');
  if (answers) p.answerCount = num(valueOf(answers, base));
  const comments = first(m, 'commentCount');
  if (comments && p.commentCount === null) p.commentCount = num(valueOf(comments, base));
  const section = first(m, 'articleSection');
  if (section) p.category = valueOf(section, base).trim() || null;
  const keywords = first(m, 'keywords');
  if (keywords) p.tags = valueOf(keywords, base).split(',').map((t) => t.trim()).filter(Boolean);
  const prop = el.getAttribute('itemprop') ?? '';
  if (type === 'Answer') p.isAccepted = /\bacceptedAnswer\b/.test(prop) ? true : false;
  p.id = idOf(el) ?? el.getAttribute('itemid') ?? null;
  return p;
}

/** Microdata posts in document order, each linked to the post item holding it. */
export function readMicrodata(doc: Document, base: URL): SchemaPost[] {
  const out: SchemaPost[] = [];
  const byEl = new Map<Element, SchemaPost>();
  for (const el of doc.querySelectorAll('[itemscope][itemtype]')) {
    const type = postType(typesOf(el.getAttribute('itemtype')));
    if (!type || inFaq(el)) continue;
    const p = readMicrodataPost(el, type, base);
    for (let a = el.parentElement; a; a = a.parentElement) {
      const parent = byEl.get(a);
      if (parent) {
        p.parent = parent;
        break;
      }
    }
    byEl.set(el, p);
    out.push(p);
  }
  return out;
}

/** Inside a FAQPage item: questions and answers of a help page, not a discussion. */
function inFaq(el: Element): boolean {
  for (let a: Element | null = el; a; a = a.parentElement?.closest('[itemscope]') ?? null) {
    if (typesOf(a.getAttribute('itemtype')).includes('FAQPage')) return true;
  }
  return false;
}

/* --------------------------------------------------------------- JSON-LD */

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function jsonTypes(o: Json): string[] {
  return list(o['@type']).flatMap((t) => (typeof t === 'string' ? typesOf(t) : []));
}

function readJsonPost(doc: Document, o: Json, type: string, base: URL, byId: Map<string, Json>): SchemaPost {
  const p = empty(type, 'jsonld');
  let author = list(o.author ?? o.creator)[0];
  if (isObj(author) && typeof author['@id'] === 'string' && !author.name) author = byId.get(author['@id']) ?? author;
  if (isObj(author)) {
    p.author = str(author.name) ?? str(author.alternateName);
    p.authorUrl = absoluteUrl(str(author.url) ?? str(author['@id']), base);
  } else {
    p.author = str(author);
  }
  setDate(p, str(o.datePublished) ?? str(o.dateCreated) ?? str(o.uploadDate));
  const text = str(o.text) ?? str(o.articleBody);
  if (text) p.text = /<[a-z][\s\S]*>/i.test(text) ? textOfHtml(doc, text) : text;
  p.headline = str(o.headline) ?? str(o.name);
  p.url = absoluteUrl(str(o.url), base);
  p.id = str(o['@id']) ?? str(o.identifier) ?? null;
  const up = num(o.upvoteCount);
  if (up !== null) p.score = up - (num(o.downvoteCount) ?? 0);
  for (const s of list(o.interactionStatistic)) {
    if (!isObj(s)) continue;
    const t = isObj(s.interactionType) ? str(s.interactionType['@type']) : str(s.interactionType);
    counter(p, t ?? '', num(s.userInteractionCount));
  }
  p.answerCount = num(o.answerCount);
  if (p.commentCount === null) p.commentCount = num(o.commentCount);
  p.category = str(o.articleSection);
  p.tags = list(o.keywords).flatMap((k) => (typeof k === 'string' ? k.split(',') : [])).map((k) => k.trim()).filter(Boolean);
  return p;
}

/** JSON-LD posts, with nesting (comments, answers) kept as parents. */
export function readJsonLd(doc: Document, base: URL, problems: string[]): SchemaPost[] {
  const out: SchemaPost[] = [];
  const roots: unknown[] = [];
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = s.textContent ?? '';
    if (!raw.trim()) continue;
    try {
      roots.push(JSON.parse(raw));
    } catch {
      problems.push('generic: a JSON-LD block is not valid JSON');
    }
  }
  const byId = new Map<string, Json>();
  const index = (v: unknown, depth: number) => {
    if (depth > 12) return;
    for (const x of list(v)) {
      if (!isObj(x)) continue;
      if (typeof x['@id'] === 'string') byId.set(x['@id'], x);
      for (const k of ['@graph', 'mainEntity', 'comment', 'acceptedAnswer', 'suggestedAnswer', 'hasPart']) index(x[k], depth + 1);
    }
  };
  for (const r of roots) index(r, 0);
  const seen = new Set<Json>();
  const walk = (v: unknown, parent: SchemaPost | null, accepted: boolean | null, depth: number) => {
    if (depth > 12) return;
    for (const x of list(v)) {
      if (!isObj(x) || seen.has(x)) continue;
      seen.add(x);
      // A FAQ's questions and answers are a help page, not a discussion.
      if (jsonTypes(x).includes('FAQPage')) continue;
      const type = postType(jsonTypes(x));
      let here = parent;
      if (type) {
        const p = readJsonPost(doc, x, type, base, byId);
        p.parent = parent;
        if (type === 'Answer') p.isAccepted = accepted ?? false;
        out.push(p);
        here = p;
      }
      walk(x['@graph'], here, null, depth + 1);
      walk(x.mainEntity, here, null, depth + 1);
      walk(x.acceptedAnswer, here, true, depth + 1);
      walk(x.suggestedAnswer, here, false, depth + 1);
      walk(x.comment, here, null, depth + 1);
      walk(x.hasPart, here, null, depth + 1);
    }
  };
  for (const r of roots) walk(r, null, null, 0);
  return out;
}

const COMMERCE_TYPES = new Set(['Product', 'Review', 'AggregateRating', 'Offer', 'Recipe', 'Hotel', 'Restaurant', 'LocalBusiness']);

/** Does the page declare a product (with customer reviews) rather than a discussion? Reviews look like comments but are not a thread. */
export function hasCommerceSchema(doc: Document): boolean {
  for (const el of doc.querySelectorAll('[itemscope][itemtype]')) {
    if (typesOf(el.getAttribute('itemtype')).some((t) => COMMERCE_TYPES.has(t))) return true;
  }
  if (/^(product|og:product|product\.item)$/i.test(doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '')) return true;
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = s.textContent ?? '';
    if (/"@type"\s*:\s*(\[[^\]]*)?"(Product|Review|Recipe|Hotel|Restaurant|LocalBusiness)"/.test(raw)) return true;
  }
  return false;
}

/** Does the page declare schema.org discussion content (cheap: no full reading)? */
export function hasDiscussionSchema(doc: Document): boolean {
  for (const el of doc.querySelectorAll('[itemscope][itemtype]')) {
    if (typesOf(el.getAttribute('itemtype')).some((t) => DISCUSSION_TYPES.has(t)) && !inFaq(el)) return true;
  }
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = s.textContent ?? '';
    if (!/DiscussionForumPosting|SocialMediaPosting|QAPage|"Question"|"Answer"|"Comment"/.test(raw)) continue;
    try {
      const types: string[] = [];
      const walk = (v: unknown, depth: number) => {
        if (depth > 12) return;
        for (const x of list(v)) {
          if (!isObj(x) || jsonTypes(x).includes('FAQPage')) continue;
          types.push(...jsonTypes(x));
          for (const k of ['@graph', 'mainEntity', 'comment', 'acceptedAnswer', 'suggestedAnswer', 'hasPart']) walk(x[k], depth + 1);
        }
      };
      walk(JSON.parse(raw), 0);
      if (types.some((t) => DISCUSSION_TYPES.has(t))) return true;
    } catch {
      /* not JSON */
    }
  }
  return false;
}
