import { describe, expect, it } from 'vitest';
import { sigmoid } from './linalg';
import { fitLogistic, logisticContributions } from './logistic';
import { fitStumps, stumpContributions } from './stumps';
import { seededRandom } from '../seeded-random';

/** 20 000 rows, x1 and x2 uniform on [-2, 2] (x3 constant), y ~ Bernoulli(sigmoid(0.5 + 2 x1 - x2)). */
function data(seed: number) {
  const r = seededRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const row = [4 * r() - 2, 4 * r() - 2, 7];
    x.push(row);
    y.push(r() < sigmoid(0.5 + 2 * row[0]! - row[1]!) ? 1 : 0);
  }
  return { x, y };
}

describe('fitLogistic', () => {
  const { x, y } = data(7);
  const p = fitLogistic(x, y, { l2: 0.01 });

  it('recovers the coefficients that generated the data', () => {
    // weights are per standard deviation: divide by the scale for raw units
    expect(p.weights[0]! / p.scale[0]!).toBeCloseTo(2, 1);
    expect(p.weights[1]! / p.scale[1]!).toBeCloseTo(-1, 1);
    expect(Math.abs(p.weights[2]!)).toBeLessThan(1e-12); // constant feature: no information, no weight
    const intercept = p.bias - p.weights.reduce((s, w, j) => s + (w * p.mean[j]!) / p.scale[j]!, 0);
    expect(intercept).toBeCloseTo(0.5, 1);
  });

  it('shrinks penalised weights but not the unpenalised ones', () => {
    const strong = fitLogistic(x, y, { l2: 1e5, unpenalised: [0] });
    expect(Math.abs(strong.weights[1]!)).toBeLessThan(0.1 * Math.abs(p.weights[1]!));
    expect(strong.weights[0]! / strong.scale[0]!).toBeGreaterThan(1.5);
  });

  it('splits the log-odds into contributions around the mean row', () => {
    const { logit, contributions } = logisticContributions(p, p.mean);
    expect(logit).toBeCloseTo(p.bias, 12);
    expect(contributions.every((c) => Math.abs(c) < 1e-12)).toBe(true);
  });
});

describe('fitStumps', () => {
  it('puts its first split at the step that generated the labels', () => {
    const r = seededRandom(3);
    const x = Array.from({ length: 2000 }, () => [r(), r()]);
    const y = x.map((row) => (row[1]! > 0.3 ? (r() < 0.9 ? 1 : 0) : r() < 0.1 ? 1 : 0));
    const p = fitStumps(x, y, { rounds: 20, bins: 64 });
    expect(p.stumps[0]!.feature).toBe(1);
    expect(p.stumps[0]!.threshold).toBeGreaterThan(0.27);
    expect(p.stumps[0]!.threshold).toBeLessThan(0.33);
    const high = stumpContributions(p, [0.5, 0.9]);
    const low = stumpContributions(p, [0.5, 0.1]);
    expect(sigmoid(high.logit)).toBeGreaterThan(0.8);
    expect(sigmoid(low.logit)).toBeLessThan(0.2);
    expect(high.contributions[1]).toBeGreaterThan(0);
  });
});
