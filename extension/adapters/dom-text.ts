/** Small DOM reading helpers shared by adapters. Pure: they never change the page. */

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/**
 * Text of an element as a reader sees it: blocks (paragraphs, list items, code blocks)
 * separated by line breaks, other whitespace collapsed. `skip` selects descendants to
 * leave out (quotes of other posts, image captions). Scripts and styles are never text.
 */
export function textOf(el: Element | null | undefined, skip?: string): string {
  if (!el) return '';
  const parts: string[] = [];
  // Iterative walk (a page can nest elements deeper than the call stack). Line breaks in
  // the source are layout, not text, except inside <pre>. A '\n' marker on the stack closes a
  // block element.
  const stack: Array<{ node: Node; pre: boolean } | '\n'> = [{ node: el, pre: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === '\n') {
      parts.push('\n');
      continue;
    }
    const { node, pre } = item;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      parts.push(pre ? t : t.replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const e = node as Element;
    if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'TEMPLATE') continue;
    if (skip && e !== el && e.matches(skip)) continue;
    const block = BLOCK.has(e.tagName);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    const inPre = pre || e.tagName === 'PRE';
    for (let c = e.lastChild; c; c = c.previousSibling) stack.push({ node: c, pre: inPre });
  }
  return parts
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/**
 * An HTML fragment parsed in an inert document, detached from the page: scripts never
 * run, images and styles never load, nothing reaches the live DOM. The only place the
 * extension parses HTML from data.
 */
export function inertFragment(doc: Document, html: string): Element {
  const inert = doc.implementation.createHTMLDocument('');
  const box = inert.createElement('div');
  box.innerHTML = html;
  return box;
}

/** Plain text of an HTML fragment, parsed in an inert document. */
export function textOfHtml(doc: Document, html: string, skip?: string): string {
  return textOf(inertFragment(doc, html), skip);
}

/** First integer in a label such as "12", "1.2k" or "8 Likes"; null when there is none. */
export function countOf(label: string | null | undefined): number | null {
  if (!label) return null;
  const m = /(\d[\d,.]*)\s*([kKmM万])?/.exec(label);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  const scale = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, 万: 1e4 }[m[2] ?? ''] ?? 1;
  return Math.round(n * scale);
}

/** Like countOf, but keeps a minus right before the number (net votes): "-35 points" -> -35, "−12" -> -12. */
export function signedCountOf(label: string | null | undefined): number | null {
  if (!label) return null;
  const m = /([-−–]?)\s*(\d[\d,.]*\s*[kKmM万]?)/.exec(label);
  if (!m) return null;
  const n = countOf(m[2]);
  return n === null ? null : m[1] ? -n : n;
}

/** ISO-8601 string of a date-like value, or null when it is not a valid date. */
export function isoDate(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const d = typeof value === 'number' ? new Date(value) : new Date(value.trim());
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  return d.toISOString();
}

/** The href of each base URL an adapter resolves against, read once per page rather than once per link. */
const baseHrefs = new WeakMap<URL, string>();

function hrefOf(base: URL): string {
  let href = baseHrefs.get(base);
  if (href === undefined) baseHrefs.set(base, (href = base.href));
  return href;
}

/**
 * Absolute URL of an href against the page, http(s) only; null otherwise. (`new URL(href,
 * base)` with a URL object turns the base into a string at every call: 500 posts cost the
 * content script ~13 ms of that alone.)
 */
export function absoluteUrl(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, hrefOf(base));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function intAttr(el: Element | null | undefined, name: string): number | null {
  const v = el?.getAttribute(name);
  if (v === null || v === undefined || !/^\d+$/.test(v.trim())) return null;
  return Number(v);
}
