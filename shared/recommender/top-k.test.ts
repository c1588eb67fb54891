import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from './top-k';

describe('TopK', () => {
  it('keeps the same k entries as a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 200 }), fc.integer({ min: 0, max: 20 }), (scores, k) => {
        const top = new TopK(k);
        scores.forEach((s, id) => top.push(id, s));
        const expected = scores
          .map((score, id) => ({ id, score }))
          .sort((a, b) => b.score - a.score || a.id - b.id)
          .slice(0, k);
        expect(top.result()).toEqual(expected);
      }),
    );
  });
});
