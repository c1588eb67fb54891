import { describe, expect, it } from 'vitest';
import { evaluate, ndcgAt, recallAt } from './metrics';

describe('ranking metrics', () => {
  const rel = new Set(['a', 'b', 'c']);

  it('computes recall@k by hand', () => {
    expect(recallAt(['a', 'x', 'b'], rel, 10)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(['x', 'y', 'a'], rel, 2)).toBe(0);
    expect(recallAt(['a', 'a'], new Set(['a', 'b']), 10)).toBe(0.5);
  });

  it('computes nDCG@k by hand', () => {
    // hits at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2(3) + 1/2)
    const idcg = 1 + 1 / Math.log2(3) + 0.5;
    expect(ndcgAt(['a', 'x', 'b'], rel, 10)).toBeCloseTo(1.5 / idcg, 12);
    expect(ndcgAt(['a', 'b', 'c'], rel, 10)).toBeCloseTo(1, 12);
    expect(ndcgAt(['x', 'a'], new Set(['a']), 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt(['x'], rel, 10)).toBe(0);
  });

  it('averages over cases with something to find', () => {
    const cases = [
      { user: 'u', relevant: new Set(['a']) },
      { user: 'v', relevant: new Set(['b']) },
      { user: 'w', relevant: new Set<string>() },
    ];
    const s = evaluate(cases, (c) => (c.user === 'u' ? ['a'] : ['x']));
    expect(s['recall@10']).toBe(0.5);
    expect(s['ndcg@10']).toBe(0.5);
  });
});
