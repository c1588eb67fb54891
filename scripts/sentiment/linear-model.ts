import { minimize } from './lbfgs';

/**
 * A linear model over sparse features (an embedding bag with one weight per class):
 *
 *   z_c(doc) = b_c + scale(doc) * Σ_{f in doc} W[f][c]
 *
 * trained by L-BFGS on the weighted mean loss plus (λ/2)·||W - prior||² (the bias is not
 * penalised). Two heads:
 * - 'softmax': one softmax over the classes; a row may allow only some classes (a
 *   two-class sentiment row is scored by the softmax restricted to negative/positive);
 * - 'sigmoid': one independent logistic output per class; -1 marks a missing target.
 */
export interface TrainingSet {
  /** compact feature indices per document (repeats allowed) */
  docs: Int32Array[];
  /** scale(doc), e.g. 1 / (tokens)^alpha */
  scale: Float64Array;
  /** per-row weight */
  weight: Float64Array;
  /** softmax: the label class; sigmoid: unused */
  label: Int32Array;
  /** softmax: bitmask of the classes the row may take; sigmoid: targets per class (0/1, -1 missing), row-major */
  allowed?: Int32Array;
  targets?: Int8Array;
}

export interface LinearModel {
  classes: number;
  features: number;
  /** row-major features × classes */
  W: Float64Array;
  b: Float64Array;
}

export interface TrainOptions {
  head: 'softmax' | 'sigmoid';
  classes: number;
  features: number;
  lambda: number;
  /** prior mean of W (row-major, same shape) */
  prior?: Float64Array;
  /** per-feature multiplier of lambda (default 1) */
  lambdaRow?: Float64Array;
  maxIterations?: number;
  log?: (msg: string) => void;
}

export function logits(model: LinearModel, doc: Int32Array, scale: number, out: Float64Array): void {
  const C = model.classes;
  for (let c = 0; c < C; c++) out[c] = 0;
  for (let k = 0; k < doc.length; k++) {
    const base = doc[k]! * C;
    for (let c = 0; c < C; c++) out[c]! += model.W[base + c]!;
  }
  for (let c = 0; c < C; c++) out[c] = model.b[c]! + scale * out[c]!;
}

export function train(set: TrainingSet, opts: TrainOptions): LinearModel {
  const C = opts.classes;
  const F = opts.features;
  const nW = F * C;
  const n = set.docs.length;
  let wsum = 0;
  for (let r = 0; r < n; r++) wsum += set.weight[r]!;
  const z = new Float64Array(C);
  const gz = new Float64Array(C);
  const lambda = opts.lambda;
  const prior = opts.prior;
  const lambdaRow = opts.lambdaRow;

  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const doc = set.docs[r]!;
      const sc = set.scale[r]!;
      for (let c = 0; c < C; c++) z[c] = 0;
      for (let k = 0; k < doc.length; k++) {
        const base = doc[k]! * C;
        for (let c = 0; c < C; c++) z[c]! += x[base + c]!;
      }
      for (let c = 0; c < C; c++) z[c] = x[nW + c]! + sc * z[c]!;
      const w = set.weight[r]! / wsum;
      if (opts.head === 'softmax') {
        const allowed = set.allowed![r]!;
        let mx = -Infinity;
        for (let c = 0; c < C; c++) if (allowed & (1 << c) && z[c]! > mx) mx = z[c]!;
        let se = 0;
        for (let c = 0; c < C; c++) {
          gz[c] = allowed & (1 << c) ? Math.exp(z[c]! - mx) : 0;
          se += gz[c]!;
        }
        const y = set.label[r]!;
        loss += w * (Math.log(se) + mx - z[y]!);
        for (let c = 0; c < C; c++) gz[c] = w * (gz[c]! / se - (c === y ? 1 : 0));
      } else {
        for (let c = 0; c < C; c++) {
          const t = set.targets![r * C + c]!;
          if (t < 0) {
            gz[c] = 0;
            continue;
          }
          const zc = z[c]!;
          // log(1 + e^-z) for t = 1, log(1 + e^z) for t = 0, computed stably.
          const s = t === 1 ? -zc : zc;
          loss += w * (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s)));
          const p = 1 / (1 + Math.exp(-zc));
          gz[c] = w * (p - t);
        }
      }
      for (let c = 0; c < C; c++) grad[nW + c]! += gz[c]!;
      for (let c = 0; c < C; c++) gz[c] = gz[c]! * sc;
      for (let k = 0; k < doc.length; k++) {
        const base = doc[k]! * C;
        for (let c = 0; c < C; c++) grad[base + c]! += gz[c]!;
      }
    }
    let reg = 0;
    for (let i = 0; i < nW; i++) {
      const d = x[i]! - (prior ? prior[i]! : 0);
      const l = lambdaRow ? lambda * lambdaRow[(i / C) | 0]! : lambda;
      reg += l * d * d;
      grad[i]! += l * d;
    }
    return loss + 0.5 * reg;
  };

  const x0 = new Float64Array(nW + C);
  if (prior) x0.set(prior.subarray(0, nW));
  const t0 = Date.now();
  const res = minimize(objective, x0, {
    maxIterations: opts.maxIterations ?? 300,
    onIteration: (it, v) => {
      if (opts.log && it % 50 === 0) opts.log(`  iteration ${it}: objective ${v.toFixed(6)}`);
    },
  });
  opts.log?.(`  ${res.iterations} iterations, objective ${res.value.toFixed(6)}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { classes: C, features: F, W: res.x.slice(0, nW), b: res.x.slice(nW) };
}
