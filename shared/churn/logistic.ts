import { sigmoid, solve } from './linalg';

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method
 * (iteratively reweighted least squares): deterministic, about ten passes over the data.
 *
 *     z_j = (x_j - mean_j) / scale_j            (scale = standard deviation, 1 if constant)
 *     logit = bias + Σ w_j z_j                    p = 1 / (1 + e^-logit)
 *     minimise Σ_i logloss(y_i, p_i) + (l2 / 2) Σ_j w_j²      (bias not penalised)
 *
 * Features listed in `unpenalised` are not shrunk: with a large l2 the model falls back
 * on them alone, and the others must earn their weight from the data.
 *
 * Feature j's contribution to a prediction is w_j z_j: how far this member's value moves
 * the log-odds away from those of a member at the training mean.
 */
export interface LogisticParams {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface LogisticOptions {
  l2?: number;
  /** Features left out of the penalty (their weights are free). */
  unpenalised?: readonly number[];
  maxIter?: number;
}

export function fitLogistic(x: readonly number[][], y: readonly number[], options: LogisticOptions = {}): LogisticParams {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const l2 = options.l2 ?? 1;
  const free = new Set(options.unpenalised ?? []);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  for (const row of x) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) > 1e-9 ? Math.sqrt(scale[j]!) : 1;
  const z = x.map((row) => row.map((v, j) => (v - mean[j]!) / scale[j]!));
  // theta = [bias, w_1..w_d]
  const base = y.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const theta = new Array<number>(d + 1).fill(0);
  theta[0] = Math.log(Math.max(1e-6, base) / Math.max(1e-6, 1 - base));
  for (let iter = 0; iter < (options.maxIter ?? 50); iter++) {
    const g = new Array<number>(d + 1).fill(0);
    const h = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let logit = theta[0]!;
      for (let j = 0; j < d; j++) logit += theta[j + 1]! * zi[j]!;
      const p = sigmoid(logit);
      const r = p - y[i]!;
      const w = Math.max(p * (1 - p), 1e-10);
      g[0]! += r;
      h[0]![0]! += w;
      for (let j = 0; j < d; j++) {
        g[j + 1]! += r * zi[j]!;
        h[0]![j + 1]! += w * zi[j]!;
        for (let k = j; k < d; k++) h[j + 1]![k + 1]! += w * zi[j]! * zi[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      const lambda = free.has(j - 1) ? 1e-6 : l2;
      g[j]! += lambda * theta[j]!;
      h[j]![j]! += lambda;
      for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
    }
    const step = solve(h, g);
    let maxStep = 0;
    for (let j = 0; j <= d; j++) {
      theta[j]! -= step[j]!;
      maxStep = Math.max(maxStep, Math.abs(step[j]!));
    }
    if (maxStep < 1e-8) break;
  }
  return { mean, scale, weights: theta.slice(1), bias: theta[0]! };
}

/** Log-odds and per-feature contributions of one row. */
export function logisticContributions(p: LogisticParams, row: readonly number[]): { logit: number; contributions: number[] } {
  const contributions = row.map((v, j) => p.weights[j]! * ((v - p.mean[j]!) / p.scale[j]!));
  return { logit: p.bias + contributions.reduce((s, c) => s + c, 0), contributions };
}
