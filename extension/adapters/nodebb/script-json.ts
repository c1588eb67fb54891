/**
 * NodeBB's server-rendered page carries JSON in two places, read here as text (nothing runs):
 * - `<script>var config = JSON.parse('…'); var app = { user: JSON.parse('…') };</script>`
 *   in the header (all versions): the JSON is inside a single-quoted JS string literal
 *   (escaped with jsesc), so the literal is unescaped first, as the browser would.
 * - `<script id="ajaxify-data" type="application/json">` (NodeBB 1.x–3.x): the route's
 *   data (topic, posts, loggedInUser). The client removes it once read, so a page saved
 *   from a live browser (NodeBB 4) usually has none.
 */

/** Value of a JS single- or double-quoted string literal body. */
export function unescapeJsString(body: string): string {
  return body.replace(/\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r\n|[\s\S])/g, (_m, all: string, cp, u4, x2) => {
    if (cp) return String.fromCodePoint(parseInt(cp, 16));
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (x2) return String.fromCharCode(parseInt(x2, 16));
    switch (all) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '0':
        return '\0';
      case '\n':
      case '\r\n':
        return '';
      default:
        return all;
    }
  });
}

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
}

/** `<name>: JSON.parse('…')` or `var <name> = JSON.parse('…')` in the page's inline scripts. */
export function scriptJson(doc: Document, name: string, problems: string[]): Json | null {
  const re = new RegExp(`\\b${name}\\s*[:=]\\s*JSON\\.parse\\(\\s*'((?:[^'\\\\]|\\\\[\\s\\S])*)'\\s*\\)`);
  for (const s of doc.querySelectorAll('script:not([src])')) {
    const m = re.exec(s.textContent ?? '');
    if (!m) continue;
    try {
      return asObject(JSON.parse(unescapeJsString(m[1]!)));
    } catch {
      problems.push(`nodebb: the page's ${name} JSON is not valid`);
      return null;
    }
  }
  return null;
}

export function ajaxifyData(doc: Document, problems: string[]): Json | null {
  const el = doc.querySelector('script#ajaxify-data');
  if (!el) return null;
  try {
    return asObject(JSON.parse(el.textContent ?? ''));
  } catch {
    problems.push('nodebb: #ajaxify-data is not valid JSON');
    return null;
  }
}
