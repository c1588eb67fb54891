/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: minimises a smooth convex
 * function given its value and gradient. Deterministic: no randomness anywhere.
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  memory?: number;
  /** stop when |f_k - f_{k+1}| / max(1, |f_k|) falls below this */
  tolerance?: number;
  onIteration?: (iteration: number, value: number) => void;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function minimize(f: Objective, x0: Float64Array, opts: LbfgsOptions = {}): { x: Float64Array; value: number; iterations: number } {
  const n = x0.length;
  const m = opts.memory ?? 7;
  const maxIt = opts.maxIterations ?? 300;
  const tol = opts.tolerance ?? 1e-7;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(m);
  let it = 0;
  for (; it < maxIt; it++) {
    // Two-loop recursion: d = -H g.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, d);
      const y = Y[k]!;
      const a = alpha[k]!;
      for (let i = 0; i < n; i++) d[i]! -= a * y[i]!;
    }
    if (S.length > 0) {
      const k = S.length - 1;
      const gamma = dot(S[k]!, Y[k]!) / dot(Y[k]!, Y[k]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      const sc = gn > 0 ? 1 / gn : 1;
      for (let i = 0; i < n; i++) d[i]! *= sc;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, d);
      const s = S[k]!;
      const c = alpha[k]! - beta;
      for (let i = 0; i < n; i++) d[i]! += c * s[i]!;
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const rel = Math.abs(fx - fNew) / Math.max(1, Math.abs(fx));
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    opts.onIteration?.(it + 1, fx);
    if (rel < tol) {
      it++;
      break;
    }
  }
  return { x, value: fx, iterations: it };
}
