import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('label,review\n1,"a, ""b""\nc"\r\n0,plain\n')).toEqual([
      ['label', 'review'],
      ['1', 'a, "b"\nc'],
      ['0', 'plain'],
    ]);
  });
  it('skips a byte-order mark and keeps a last line without newline', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
