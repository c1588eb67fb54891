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
  // Line breaks in the source are layout, not text, except inside <pre>.
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      parts.push(pre ? t : t.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'TEMPLATE') return;
    if (skip && e !== el && e.matches(skip)) return;
    const block = BLOCK.has(e.tagName);
    if (block) parts.push('\n');
    for (let c = e.firstChild; c; c = c.nextSibling) walk(c, pre || e.tagName === 'PRE');
    if (block) parts.push('\n');
  };
  walk(el, false);
  return parts
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** Plain text of an HTML fragment, parsed in an inert document (nothing loads or runs). */
export function textOfHtml(doc: Document, html: string, skip?: string): string {
  const inert = doc.implementation.createHTMLDocument('');
  const box = inert.createElement('div');
  box.innerHTML = html;
  return textOf(box, skip);
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

/** Absolute URL of an href against the page, http(s) only; null otherwise. */
export function absoluteUrl(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
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
