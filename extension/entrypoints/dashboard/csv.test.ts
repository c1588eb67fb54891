import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks; numbers stay numbers; null is empty', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 3.5, null, '张伟']])).toBe('"a,b","say ""hi""","two\nlines",3.5,,张伟\r\n');
  });
  it('neutralises text a spreadsheet would run as a formula, not negative numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', -2]])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),-2\r\n`);
  });
  it('writes nothing for no rows, and drops non-finite numbers', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([[Number.NaN, Infinity]])).toBe(',\r\n');
  });
});
