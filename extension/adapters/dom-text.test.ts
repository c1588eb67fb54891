import { describe, expect, it } from 'vitest';
import { loadHtml } from '../test/pages';
import { absoluteUrl, countOf, signedCountOf, textOf, textOfHtml } from './dom-text';

describe('dom-text', () => {
  it('reads text as a reader sees it: blocks on their own lines, layout whitespace collapsed, <pre> kept', () => {
    const { doc } = loadHtml('<div id=a><p>Hello\n   world</p><p>second <b>line</b></p><pre>a\n  b</pre><script>x()</script></div>', 'https://x.example/');
    expect(textOf(doc.getElementById('a'))).toBe('Hello world\nsecond line\na\nb');
  });

  it('survives nesting deeper than the call stack', () => {
    // jsdom itself cannot build such a tree quickly (real Chromium does, in the hostile-page
    // E2E), so the walk runs over a minimal node chain with the same fields it reads.
    type N = { nodeType: number; tagName?: string; nodeValue?: string; lastChild: N | null; previousSibling: N | null; matches: () => boolean };
    let node: N = { nodeType: 3, nodeValue: 'deep', lastChild: null, previousSibling: null, matches: () => false };
    for (let i = 0; i < 200_000; i++) {
      node = { nodeType: 1, tagName: i % 2 ? 'SPAN' : 'DIV', lastChild: node, previousSibling: null, matches: () => false };
    }
    expect(textOf(node as unknown as Element)).toBe('deep');
  });

  it('parses HTML from data without running it', () => {
    const { doc } = loadHtml('<body></body>', 'https://x.example/');
    expect(textOfHtml(doc, '<img src=x onerror="window.__pwned=1">hi<script>window.__pwned=2</script>')).toBe('hi');
    expect((doc.defaultView as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('reads counts, signed counts and only http(s) links', () => {
    expect(countOf('1.2k replies')).toBe(1200);
    expect(countOf('3万')).toBe(30000);
    expect(signedCountOf('-35 points')).toBe(-35);
    expect(signedCountOf('−7')).toBe(-7);
    expect(signedCountOf('score 12')).toBe(12);
    expect(absoluteUrl('javascript:alert(1)', new URL('https://x.example/'))).toBeNull();
    expect(absoluteUrl('/u/a', new URL('https://x.example/t/1'))).toBe('https://x.example/u/a');
  });
});
