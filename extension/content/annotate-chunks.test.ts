import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_POSTS_PER_ANNOTATE } from '../../shared/constants';
import { annotateChunks, jsonUtf8Bytes, TEXT_BYTES_PER_REQUEST, textBytes } from './annotate-chunks';

describe('annotateChunks', () => {
  it('keeps within the post count and the text budget, never splitting a post', () => {
    const posts = Array.from({ length: 1200 }, () => ({ text: 'short' }));
    expect(annotateChunks(posts).map((c) => c.length)).toEqual([MAX_POSTS_PER_ANNOTATE, MAX_POSTS_PER_ANNOTATE, 200]);

    // 8,000 Chinese characters are 24 kB of UTF-8: 24 such posts fit in one request.
    const long = Array.from({ length: 60 }, () => ({ text: '中'.repeat(8000) }));
    const chunks = annotateChunks(long);
    for (const c of chunks) expect(c.reduce((n, p) => n + textBytes(p), 0)).toBeLessThanOrEqual(TEXT_BYTES_PER_REQUEST);
    expect(chunks.flat()).toHaveLength(60);
    expect(chunks.length).toBeGreaterThan(2);
  });

  it('counts JSON escapes and the 8,000-unit cap', () => {
    expect(textBytes({ text: '"' })).toBe(4); // "\""
    expect(textBytes({ text: '\u0001' })).toBe(8); // "\u0001"
    expect(textBytes({ text: 'x'.repeat(100_000) })).toBe(8002);
    expect(textBytes({ text: '' })).toBe(0);
  });

  it('counts exactly the UTF-8 bytes JSON.stringify gives, for any text (lone surrogates and controls included)', () => {
    const bytes = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length;
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => jsonUtf8Bytes(s) === bytes(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 50 }), (s) => jsonUtf8Bytes(s) === bytes(s)), { numRuns: 2000 });
    for (const s of ['', 'a"b\\c', '\n\t\b\f\r\u0000\u001f', '中文😀', '\ud800', '\udc00x', '\u2028']) expect(jsonUtf8Bytes(s)).toBe(bytes(s));
  });
});
