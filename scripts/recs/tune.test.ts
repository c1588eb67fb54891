import { describe, expect, it } from 'vitest';
import { coordinateDescent } from './tune';

describe('coordinateDescent', () => {
  it('finds the best grid point of a separable function and reuses scores', () => {
    let calls = 0;
    const f = (p: { x: number; y: string }) => {
      calls++;
      return -((p.x - 3) ** 2) + (p.y === 'b' ? 1 : 0);
    };
    const r = coordinateDescent({ x: 0, y: 'a' }, { x: [0, 1, 2, 3, 4], y: ['a', 'b', 'c'] }, f);
    expect(r.best).toEqual({ x: 3, y: 'b' });
    expect(r.score).toBe(1);
    expect(calls).toBe(r.evaluations);
  });

  it('keeps the start when nothing beats it', () => {
    const r = coordinateDescent({ x: 2 }, { x: [0, 1, 3] }, (p) => -Math.abs(p.x - 2));
    expect(r.best).toEqual({ x: 2 });
  });
});
