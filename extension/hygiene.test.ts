import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Extension hygiene in the source: no HTML from data reaches the page, no eval, no code
 * from elsewhere. The one HTML parser (an inert, detached document) is in dom-text.ts.
 */
const root = import.meta.dirname;
const SOURCES = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .filter((f) => !/(^|\/)(\.output|\.wxt|e2e|test|node_modules)\//.test(f) && !/\.test\.tsx?$/.test(f));

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/, 'HTML from strings'],
  [/\beval\s*\(|new Function\s*\(|setTimeout\(\s*['"`]/, 'code from strings'],
  [/importScripts\s*\(|import\(\s*['"`]https?:|<script[^>]*src=["']https?:/, 'remote code'],
];
const ALLOWED = new Map([['adapters/dom-text.ts', 'HTML from strings']]);

describe('extension source hygiene', () => {
  it('scans the extension sources', () => {
    expect(SOURCES.length).toBeGreaterThan(40);
    expect(SOURCES).toContain('adapters/dom-text.ts');
  });

  for (const [pattern, what] of FORBIDDEN) {
    it(`has no ${what}`, () => {
      const hits = SOURCES.flatMap((f) =>
        readFileSync(path.join(root, f), 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const)
          .filter(([, , line]) => pattern.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*')),
      ).filter(([f]) => ALLOWED.get(f) !== what);
      expect(hits.map(([f, n, line]) => `${f}:${n}: ${line.trim()}`)).toEqual([]);
    });
  }

  it('parses HTML only in an inert, detached document', () => {
    const src = readFileSync(path.join(root, 'adapters/dom-text.ts'), 'utf8');
    const at = src.indexOf('box.innerHTML = html');
    expect(at).toBeGreaterThan(0);
    expect(src.slice(at - 200, at)).toContain("doc.implementation.createHTMLDocument('')");
  });
});
