import { describe, expect, it } from 'vitest';
import { minimize } from './lbfgs';
import { logits, train } from './linear-model';

describe('minimize (L-BFGS)', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const target = [3, -2, 0.5];
    const scale = [1, 100, 0.01];
    const r = minimize(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          const d = x[i]! - target[i]!;
          f += scale[i]! * d * d;
          g[i] = 2 * scale[i]! * d;
        }
        return f;
      },
      new Float64Array(3),
      { maxIterations: 500, tolerance: 1e-14 },
    );
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 3));
  });
});

describe('train', () => {
  // Feature 0 means class 0, feature 1 class 2, feature 2 class 1; feature 3 is noise.
  const docs = [[0, 3], [0], [1, 3], [1], [2, 3], [2]].map((d) => Int32Array.from(d));
  const base = { docs, scale: new Float64Array(6).fill(1), weight: new Float64Array(6).fill(1) };

  it('learns a three-class softmax', () => {
    const m = train(
      { ...base, label: Int32Array.from([0, 0, 2, 2, 1, 1]), allowed: new Int32Array(6).fill(0b111) },
      { head: 'softmax', classes: 3, features: 4, lambda: 1e-3 },
    );
    const z = new Float64Array(3);
    for (const [doc, want] of [
      [[0], 0],
      [[1], 2],
      [[2], 1],
    ] as const) {
      logits(m, Int32Array.from(doc), 1, z);
      expect(z.indexOf(Math.max(...z))).toBe(want);
    }
  });

  it('leaves a class alone when the rows may not take it', () => {
    const m = train(
      { ...base, label: Int32Array.from([0, 0, 2, 2, 0, 2]), allowed: new Int32Array(6).fill(0b101) },
      { head: 'softmax', classes: 3, features: 4, lambda: 1e-2 },
    );
    // No row ever trains the middle class: its weights stay at the prior (0).
    for (let f = 0; f < 4; f++) expect(m.W[f * 3 + 1]).toBe(0);
  });

  it('learns independent sigmoid outputs and ignores missing targets', () => {
    const targets = Int8Array.from([1, -1, 1, -1, 0, 0, 0, 0, 0, 1, 0, 1]);
    const m = train(
      { docs: docs.slice(0, 6), scale: new Float64Array(6).fill(1), weight: new Float64Array(6).fill(1), label: new Int32Array(6), targets },
      { head: 'sigmoid', classes: 2, features: 4, lambda: 1e-3 },
    );
    const z = new Float64Array(2);
    logits(m, Int32Array.from([0]), 1, z);
    expect(z[0]).toBeGreaterThan(0);
    logits(m, Int32Array.from([2]), 1, z);
    expect(z[0]).toBeLessThan(0);
    expect(z[1]).toBeGreaterThan(0);
  });
});
