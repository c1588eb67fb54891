import { describe, expect, it } from 'vitest';
import { neighboursFromRows, neighboursToRows } from './neighbour-rows';
import type { Neighbours } from './types';

describe('neighbour rows', () => {
  it('round-trips through rows in any order', () => {
    const n: Neighbours = new Map([
      ['x', [{ item: 'y', score: 0.9 }, { item: 'z', score: 0.2 }]],
      ['y', [{ item: 'x', score: 0.9 }]],
    ]);
    const rows = neighboursToRows(n);
    expect(rows).toHaveLength(3);
    expect(neighboursFromRows([...rows].reverse())).toEqual(n);
  });
});
