import { describe, expect, it } from 'vitest';
import { diversify } from './diversify';

const c = (item: string, score: number, tags: string[]) => ({ item, score, tags });

describe('diversify', () => {
  const sorted = [
    c('a1', 1.0, ['a']),
    c('a2', 0.99, ['a']),
    c('a3', 0.98, ['a']),
    c('a4', 0.97, ['a']),
    c('b1', 0.5, ['b']),
    c('n1', 0.4, []),
  ];

  it('leaves the order alone when switched off', () => {
    expect(diversify(sorted, 6, 1, Infinity).map((p) => p.item)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'n1']);
  });

  it('caps picks sharing a tag while others remain, then fills with the rest', () => {
    const picks = diversify(sorted, 5, 1, 2).map((p) => p.item);
    expect(picks.slice(0, 4)).toEqual(['a1', 'a2', 'b1', 'n1']);
    expect(picks[4]).toBe('a3');
  });

  it('lets a strong enough penalty bring another tag forward', () => {
    const picks = diversify(sorted, 3, 0.6, Infinity).map((p) => p.item);
    // a2 after a1: 0.99 * 0.6 = 0.594 > b1 0.5; a3 then 0.98 * 0.36 = 0.35 < b1.
    expect(picks).toEqual(['a1', 'a2', 'b1']);
  });
});
