import { describe, expect, it } from 'vitest';
import { auc, precisionAtTop } from './evaluation';

describe('auc', () => {
  it('matches hand-computed values', () => {
    // pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win -> 3/4
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // tie counts one half: (1 vs 1) 0.5 + (1 vs 0) 1 -> 1.5 / 2
    expect(auc([1, 1, 0], [1, 0, 0])).toBe(0.75);
    expect(auc([3, 2, 1], [1, 1, 0])).toBe(1);
    expect(auc([3, 2, 1], [0, 0, 1])).toBe(0);
  });

  it('is null with one class', () => {
    expect(auc([1, 2], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
});

describe('precisionAtTop', () => {
  it('takes the ceil(10%) highest scores', () => {
    // 20 rows: k = 2; the two highest (20, 19) are labelled 1 and 0 -> 0.5
    const scores = Array.from({ length: 20 }, (_, i) => i + 1);
    const labels = scores.map((s) => (s === 20 || s < 5 ? 1 : 0));
    expect(precisionAtTop(scores, labels, 0.1)).toBe(0.5);
    // 11 rows: k = ceil(1.1) = 2
    expect(precisionAtTop([9, 8, 7, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.1)).toBe(1);
  });

  it('shares a tied group straddling the cut by its positive rate', () => {
    // k = 2: the top score (1 positive) is taken, then one place among three tied at 5
    // of which one is positive -> (1 + 1/3) / 2
    expect(precisionAtTop([9, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 0, ...new Array(16).fill(0)], 0.1)).toBeCloseTo(2 / 3, 12);
    expect(precisionAtTop([], [], 0.1)).toBeNull();
  });
});
