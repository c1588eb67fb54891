import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, prepareText } from './prepare';

describe('prepareText', () => {
  it('leaves ordinary text alone', () => {
    expect(prepareText('Great post! 谢谢 😂')).toBe('Great post! 谢谢 😂');
  });

  it('replaces unpaired surrogates with U+FFFD and keeps pairs', () => {
    expect(prepareText('a\uD800b')).toBe('a\uFFFDb');
    expect(prepareText('a\uDC00b')).toBe('a\uFFFDb');
    expect(prepareText('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(prepareText('x\uD83D\uDE02y')).toBe('x\uD83D\uDE02y');
  });

  it('caps long text without cutting a surrogate pair', () => {
    expect(prepareText('a'.repeat(100_000))).toHaveLength(MAX_TEXT_CHARS);
    const t = 'a'.repeat(MAX_TEXT_CHARS - 1) + '😂' + 'b';
    const p = prepareText(t);
    expect(p).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
    expect(p).not.toContain('\uFFFD');
  });

  it('treats non-strings as empty text', () => {
    expect(prepareText(undefined)).toBe('');
    expect(prepareText(42)).toBe('');
  });
});
