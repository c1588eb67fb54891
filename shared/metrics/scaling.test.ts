import { describe, expect, it } from 'vitest';
import { communityReference, logScale, quantileSorted } from './scaling';

describe('scaling', () => {
  it('interpolates quantiles as R type 7', () => {
    // h = (4 - 1) * 0.9 = 2.7 -> 3 + 0.7 * (4 - 3) = 3.7
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([5], 0.5)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('takes the reference from the non-zero values, else the fallback, never under the floor', () => {
    // positive [1, 2, 3, 4, 10]: h = 4 * 0.9 = 3.6 -> 4 + 0.6 * 6 = 7.6
    expect(communityReference([0, 0, 1, 2, 3, 4, 10], { fallback: 50 })).toEqual({ value: expect.closeTo(7.6, 12), source: 'community', nonZero: 5 });
    expect(communityReference([0, 3, 4], { fallback: 50 })).toEqual({ value: 50, source: 'fallback', nonZero: 2 });
    expect(communityReference([0.1, 0.2, 0.2, 0.3, 0.4], { fallback: 50 }).value).toBe(1);
  });

  it('maps onto 0..1 by logarithm against the reference', () => {
    expect(logScale(3, 7)).toBeCloseTo(2 / 3, 12); // ln 4 / ln 8
    expect(logScale(100, 7)).toBe(1);
    expect(logScale(0, 7)).toBe(0);
    expect(logScale(-2, 7)).toBe(0);
    expect(logScale(Number.NaN, 7)).toBe(0);
  });
});
