import { describe, expect, it } from 'vitest';
import { classification } from './metrics';
import { bestThreshold } from './thresholds';

describe('classification', () => {
  it('computes accuracy and macro-F1 over the gold classes', () => {
    // class 0: tp 1, fp 1, fn 1 -> F1 0.5; class 1: tp 2, fp 1, fn 1 -> F1 2/3
    const r = classification([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]);
    expect(r.accuracy).toBeCloseTo(3 / 5);
    expect(r.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2);
  });
  it('gives F1 0 to a class never predicted', () => {
    // class 1: tp 1, fp 2 -> F1 2/4; classes 0 and 2: 0
    expect(classification([0, 1, 2], [1, 1, 1]).macroF1).toBeCloseTo(0.5 / 3, 10);
  });
});

describe('bestThreshold', () => {
  it('finds the cut that separates the classes', () => {
    const r = bestThreshold([0.1, 0.2, 0.3, 0.35, 0.8], [0, 0, 0, 1, 1]);
    expect(r.macroF1).toBe(1);
    expect(r.threshold).toBeGreaterThan(0.3);
    expect(r.threshold).toBeLessThanOrEqual(0.35);
  });
});
