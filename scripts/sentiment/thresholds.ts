import { classification } from './metrics';

/**
 * The decision threshold in [0.05, 0.95] (steps of 0.01) with the best macro-F1 of
 * `p >= t` against 0/1 labels; ties go to the threshold nearest 0.5.
 */
export function bestThreshold(probs: readonly number[], gold: readonly number[]): { threshold: number; macroF1: number } {
  let best = { threshold: 0.5, macroF1: -1 };
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const f = classification(gold, probs.map((p) => (p >= t ? 1 : 0))).macroF1;
    if (f > best.macroF1 + 1e-12 || (Math.abs(f - best.macroF1) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best.threshold - 0.5))) {
      best = { threshold: t, macroF1: f };
    }
  }
  return best;
}
