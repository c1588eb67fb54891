import { describe, expect, it } from 'vitest';
import { featureRows, HASH_M1, HASH_M2, HASH_Q } from './features';

describe('featureRows', () => {
  const shape = { vocabSize: 10, buckets: 7, ngram: 3 };

  it('lists unigrams, then each bigram followed by the trigram it starts', () => {
    const ids = [2, 5, 9];
    const p01 = (2 * HASH_M1 + 5) % HASH_Q;
    const p12 = (5 * HASH_M1 + 9) % HASH_Q;
    expect(Array.from(featureRows(ids, shape))).toEqual([2, 5, 9, 10 + (p01 % 7), 10 + ((p01 * HASH_M2 + 9) % 7), 10 + (p12 % 7)]);
  });

  it('has n + (n-1) + (n-2) features, fewer for short inputs', () => {
    expect(featureRows([2], shape)).toHaveLength(1);
    expect(featureRows([2, 3], shape)).toHaveLength(3);
    expect(featureRows([2, 3, 4, 5], shape)).toHaveLength(4 + 3 + 2);
    expect(featureRows([2, 3, 4, 5], { ...shape, ngram: 1 })).toHaveLength(4);
  });

  it('keeps every hashed row inside the table, even for the largest ids', () => {
    const big = { vocabSize: 900_000, buckets: 2 ** 18, ngram: 3 };
    for (const r of featureRows([899_999, 899_998, 899_997], big)) {
      expect(Number.isSafeInteger(r)).toBe(true);
      expect(r).toBeLessThan(big.vocabSize + big.buckets);
    }
  });
});
