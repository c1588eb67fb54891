import { absoluteUrl } from '../dom-text';
import { type Block, type PageSignals, finishBlocks, readBlock, structureBlocks } from './structure';
import { idOf, nameOfAuthorEl, ownAll, textWithout, timeOf } from './signals';

/**
 * CSS selectors a community owner gives for a forum the heuristic reads badly. `post`
 * selects each post's root element; the others are looked up inside each post (its own
 * part: posts nested inside it are left out), except `title`, which is looked up in the
 * whole page. `id` is a selector of an element inside the post whose id (or data-id,
 * data-pid, name, permalink fragment) is the post's id, or `@attribute` to read an
 * attribute of the post element itself (`@data-pid`). Parts not given are found as the
 * heuristic finds them.
 */
export type GenericSelectors = {
  post: string;
  author?: string;
  authorLink?: string;
  time?: string;
  body?: string;
  title?: string;
  id?: string;
};

const FIELDS = ['post', 'author', 'authorLink', 'time', 'body', 'title', 'id'] as const;
const MAX = 500;
const ATTR = /^@[A-Za-z_:][-\w:.]*$/;

/** Is the selector accepted by the browser's selector engine? */
export function isValidSelector(selector: string, doc?: Document): boolean {
  const d = doc ?? (globalThis as { document?: Document }).document;
  if (!d) return balanced(selector);
  try {
    d.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Without a DOM (a worker), at least brackets and quotes must pair up. */
function balanced(s: string): boolean {
  const stack: string[] = [];
  let quote: string | null = null;
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' && stack.pop() !== '[') return false;
    else if (c === ')' && stack.pop() !== '(') return false;
  }
  return !quote && stack.length === 0;
}

/** Human-readable problems with the owner's selectors; empty when they can be used. */
export function validateSelectors(s: GenericSelectors, doc?: Document): string[] {
  const errors: string[] = [];
  if (!s || typeof s !== 'object') return ['post: required'];
  for (const f of FIELDS) {
    const v = (s as Record<string, unknown>)[f];
    if (v === undefined || v === null || (f !== 'post' && typeof v === 'string' && v.trim() === '')) {
      if (f === 'post') errors.push('post: required');
      continue;
    }
    if (typeof v !== 'string') {
      errors.push(`${f}: must be text`);
      continue;
    }
    const sel = v.trim();
    if (!sel) {
      errors.push(`${f}: required`);
      continue;
    }
    if (sel.length > MAX) {
      errors.push(`${f}: too long (at most ${MAX} characters)`);
      continue;
    }
    if (f === 'id' && sel.startsWith('@')) {
      if (!ATTR.test(sel)) errors.push('id: not a valid attribute name (write @data-pid)');
      continue;
    }
    if (!isValidSelector(sel, doc)) errors.push(`${f}: not a valid CSS selector`);
  }
  return errors;
}

/** Given selectors with blank optional parts dropped. */
export function cleanSelectors(s: GenericSelectors): GenericSelectors {
  const out: GenericSelectors = { post: (s.post ?? '').trim() };
  for (const f of FIELDS) {
    if (f === 'post') continue;
    const v = s[f];
    if (typeof v === 'string' && v.trim()) out[f] = v.trim();
  }
  return out;
}

function firstOwn(post: Element, selector: string | undefined, set: ReadonlySet<Element>): Element | null {
  if (!selector) return null;
  return ownAll(post, selector, set)[0] ?? null;
}

function idFrom(el: Element | null, post: Element, spec: string | undefined): string | null {
  if (!spec) return null;
  if (spec.startsWith('@')) return post.getAttribute(spec.slice(1))?.trim() || null;
  if (!el) return null;
  return (
    idOf(el) ??
    el.getAttribute('id') ??
    el.getAttribute('name') ??
    /#([^#]+)$/.exec(el.getAttribute('href') ?? '')?.[1] ??
    null
  );
}

export interface SelectorReading {
  blocks: Block[];
  title: string | null;
}

/** Posts read with the owner's selectors (already validated). */
export function readWithSelectors(doc: Document, url: URL, s: GenericSelectors, sig: PageSignals, problems: string[]): SelectorReading {
  let posts: Element[];
  try {
    posts = [...doc.querySelectorAll(s.post)];
  } catch {
    problems.push('generic: post: not a valid CSS selector');
    return { blocks: [], title: null };
  }
  const set = new Set(posts);
  const blocks: Block[] = [];
  let missing = 0;
  for (const el of posts) {
    let b: Block;
    try {
      b = readBlock(el, sig, set);
      const authorEl = firstOwn(el, s.author, set);
      const linkEl = firstOwn(el, s.authorLink, set);
      if (authorEl || linkEl) {
        const nameEl = authorEl ?? linkEl!;
        const href = (linkEl ?? (authorEl?.closest('a[href]') || authorEl?.querySelector('a[href]')))?.getAttribute('href') ?? null;
        b.author = {
          el: nameEl,
          name: nameOfAuthorEl(nameEl, url),
          displayName: null,
          url: absoluteUrl(href, url),
        };
      } else if (s.author || s.authorLink) {
        b.author = null;
      }
      if (s.time) {
        const t = firstOwn(el, s.time, set);
        const date = t ? (timeOf(t) ?? [...t.querySelectorAll('*')].map(timeOf).find((d) => d) ?? null) : null;
        b.time = t && date ? { el: t, date } : null;
      }
      if (s.body) {
        const body = firstOwn(el, s.body, set);
        b.bodyEl = body;
        b.text = body ? textWithout(body, { skip: set }) : '';
      }
      if (s.id) b.pageId = idFrom(s.id.startsWith('@') ? null : firstOwn(el, s.id, set), el, s.id);
    } catch {
      missing += 1;
      continue;
    }
    blocks.push(b);
  }
  if (missing > 0) problems.push(`generic: ${missing} posts matched by the selectors could not be read`);
  structureBlocks(blocks, set);
  const ids = blocks.map((b) => b.pageId);
  finishBlocks(blocks, set);
  // Ids the owner pointed at win over the ones found.
  if (s.id) blocks.forEach((b, i) => (b.pageId = ids[i] ?? null));
  let title: string | null = null;
  if (s.title) {
    try {
      title = textWithout(doc.querySelector(s.title)).replace(/\s+/g, ' ').trim() || null;
    } catch {
      problems.push('generic: title: not a valid CSS selector');
    }
  }
  return { blocks, title };
}
