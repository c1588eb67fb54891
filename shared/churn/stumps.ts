import { sigmoid } from './linalg';

/**
 * Gradient-boosted decision stumps for binary classification (logistic loss, Newton leaf
 * values, shrinkage). Each stump tests one feature against one threshold, so the model is
 * additive per feature:
 *
 *     logit(x) = base + Σ_j f_j(x_j)        f_j = sum of the leaves of the stumps on j
 *
 * and feature j's contribution to a prediction is f_j(x_j) - mean over training of
 * f_j: exact, not an approximation. Thresholds are the midpoints between consecutive
 * values of up to `bins` quantiles of each feature; each round picks the split with the
 * largest gain
 *
 *     gain = G_L² / (H_L + λ) + G_R² / (H_R + λ) - G² / (H + λ)
 *
 * (G, H: sums of gradients y - p and hessians p (1 - p)); leaves = rate · G / (H + λ).
 * Leaves with less hessian than `minLeafHessian` are not allowed. Deterministic.
 */
export interface Stump {
  feature: number;
  threshold: number;
  /** Added to the logit when x[feature] <= threshold. */
  left: number;
  right: number;
}

export interface StumpParams {
  base: number;
  stumps: Stump[];
  /** Mean over the training rows of f_j (the centre of each feature's contribution). */
  centre: number[];
}

export interface StumpOptions {
  rounds?: number;
  rate?: number;
  lambda?: number;
  bins?: number;
  minLeafHessian?: number;
}

function thresholdsOf(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = new Set<number>();
  for (let b = 1; b < bins; b++) cuts.add(sorted[Math.floor((b / bins) * (sorted.length - 1))]!);
  const distinct = [...cuts].sort((a, b) => a - b);
  const out: number[] = [];
  for (const c of distinct) {
    // split just above c: the midpoint to the next larger value in the data
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= c) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length) out.push((c + sorted[lo]!) / 2);
  }
  return out;
}

export function fitStumps(x: readonly number[][], y: readonly number[], options: StumpOptions = {}): StumpParams {
  const rounds = options.rounds ?? 200;
  const rate = options.rate ?? 0.1;
  const lambda = options.lambda ?? 1;
  const minLeaf = options.minLeafHessian ?? 1;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const thresholds = Array.from({ length: d }, (_, j) => thresholdsOf(x.map((r) => r[j]!), options.bins ?? 32));
  // bin[j][i]: number of thresholds below x[i][j] (0 = left of every threshold)
  const bin = thresholds.map((ts, j) =>
    Int32Array.from(x, (r) => {
      let lo = 0;
      let hi = ts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ts[mid]! < r[j]!) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }),
  );
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const base = Math.log(Math.max(1e-6, mean) / Math.max(1e-6, 1 - mean));
  const logit = new Float64Array(n).fill(base);
  const stumps: Stump[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let round = 0; round < rounds; round++) {
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(logit[i]!);
      g[i] = y[i]! - p;
      h[i] = Math.max(p * (1 - p), 1e-10);
      G += g[i]!;
      H += h[i]!;
    }
    let best: { gain: number; feature: number; cut: number; gl: number; hl: number } | null = null;
    for (let j = 0; j < d; j++) {
      const ts = thresholds[j]!;
      if (ts.length === 0) continue;
      const gs = new Float64Array(ts.length + 1);
      const hs = new Float64Array(ts.length + 1);
      const bj = bin[j]!;
      for (let i = 0; i < n; i++) {
        gs[bj[i]!]! += g[i]!;
        hs[bj[i]!]! += h[i]!;
      }
      let gl = 0;
      let hl = 0;
      for (let c = 0; c < ts.length; c++) {
        gl += gs[c]!;
        hl += hs[c]!;
        const gr = G - gl;
        const hr = H - hl;
        if (hl < minLeaf || hr < minLeaf) continue;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (H + lambda);
        if (!best || gain > best.gain + 1e-12) best = { gain, feature: j, cut: c, gl, hl };
      }
    }
    if (!best || best.gain <= 1e-9) break;
    const stump: Stump = {
      feature: best.feature,
      threshold: thresholds[best.feature]![best.cut]!,
      left: (rate * best.gl) / (best.hl + lambda),
      right: (rate * (G - best.gl)) / (H - best.hl + lambda),
    };
    stumps.push(stump);
    const bj = bin[best.feature]!;
    for (let i = 0; i < n; i++) logit[i]! += bj[i]! <= best.cut ? stump.left : stump.right;
  }
  const centre = new Array<number>(d).fill(0);
  for (const row of x) {
    const f = stumpTerms({ base, stumps, centre: new Array<number>(d).fill(0) }, row);
    for (let j = 0; j < d; j++) centre[j]! += f[j]! / n;
  }
  return { base, stumps, centre };
}

/** f_j(x_j) for every feature (not centred). */
export function stumpTerms(p: StumpParams, row: readonly number[]): number[] {
  const f = new Array<number>(row.length).fill(0);
  for (const s of p.stumps) f[s.feature]! += row[s.feature]! <= s.threshold ? s.left : s.right;
  return f;
}

export function stumpContributions(p: StumpParams, row: readonly number[]): { logit: number; contributions: number[] } {
  const f = stumpTerms(p, row);
  const logit = p.base + f.reduce((s, v) => s + v, 0);
  return { logit, contributions: f.map((v, j) => v - p.centre[j]!) };
}
