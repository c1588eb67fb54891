import { describe, expect, it } from 'vitest';
import { codebook, encodeValues } from './quantize';

describe('codebook quantisation', () => {
  const values = Float64Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 0 : Math.sin(i) * Math.exp((i % 13) / 5)));

  it('keeps exact zeros at code 0 and rounds the rest closely', () => {
    const book = codebook(values, 256);
    expect(book[0]).toBe(0);
    const codes = encodeValues(values, book);
    let maxErr = 0;
    values.forEach((v, i) => {
      if (v === 0) expect(codes[i]).toBe(0);
      maxErr = Math.max(maxErr, Math.abs(book[codes[i]!]! - v));
    });
    expect(maxErr).toBeLessThan(0.1);
  });

  it('uses only the requested number of levels', () => {
    const book = codebook(values, 16);
    const codes = encodeValues(values, book);
    expect(Math.max(...codes)).toBeLessThan(16);
  });
});
