import { describe, expect, it } from 'vitest';
import { readSource } from './datasets';
import { hash32, inSplit, partOf } from './split';

describe('split', () => {
  it('depends only on the trimmed text', () => {
    expect(partOf('  the same text ')).toBe(partOf('the same text'));
    expect(hash32('a')).not.toBe(hash32('b'));
  });

  it('gives about 70/10/20 % on a real file and the same parts every run', () => {
    const rows = readSource('sst2');
    const counts = { fit: 0, validation: 0, test: 0 };
    for (const r of rows) counts[partOf(r.text)]++;
    expect(counts.test / rows.length).toBeGreaterThan(0.18);
    expect(counts.test / rows.length).toBeLessThan(0.22);
    expect(counts.validation / rows.length).toBeGreaterThan(0.08);
    expect(counts.validation / rows.length).toBeLessThan(0.12);
    expect(rows.filter((r) => inSplit(r.text, 'train')).length).toBe(counts.fit + counts.validation);
    // Pinned: changing the split function would silently change every reported number.
    expect(rows.slice(0, 12).map((r) => partOf(r.text))).toMatchInlineSnapshot(`
      [
        "test",
        "test",
        "test",
        "fit",
        "fit",
        "fit",
        "validation",
        "fit",
        "fit",
        "fit",
        "fit",
        "validation",
      ]
    `);
  });
});
