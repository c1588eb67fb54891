import type { FeatureShape } from '../../shared/sentiment/features';
import type { TaskWeights } from '../../shared/sentiment/model-format';
import type { SentimentExample, ToxicityExample } from './corpus';
import { compactRows, docFeatures, toCompact, type DocFeatures } from './featurize';
import { train, type TrainingSet } from './linear-model';
import { codebook, encodeValues } from './quantize';

/** A trained task: weights of the rows it uses (global row numbers, increasing). */
export interface TaskModel {
  labels: string[];
  rows: Int32Array;
  /** rows.length × classes */
  W: Float64Array;
  b: Float64Array;
}

export interface FeatureSpace {
  vocab: ReadonlyMap<string, number>;
  shape: FeatureShape;
  alpha: number;
  featureMinDocs: number;
}

type Log = (msg: string) => void;

function toTaskModel(labels: string[], map: Map<number, number>, W: Float64Array, b: Float64Array): TaskModel {
  const C = labels.length;
  const rows = Int32Array.from(map.keys()).sort();
  const out = new Float64Array(rows.length * C);
  rows.forEach((r, k) => {
    const j = map.get(r)!;
    for (let c = 0; c < C; c++) out[k * C + c] = W[j * C + c]!;
  });
  return { labels, rows, W: out, b };
}

function featuresOf(texts: readonly string[], space: FeatureSpace): DocFeatures[] {
  return texts.map((t) => docFeatures(t, space.vocab, space.shape));
}

function trainingSet(feats: DocFeatures[], map: Map<number, number>, alpha: number, weight: Float64Array): TrainingSet {
  return {
    docs: feats.map((d) => toCompact(d.rows, map)),
    scale: Float64Array.from(feats, (d) => 1 / Math.pow(d.tokens, alpha)),
    weight,
    label: new Int32Array(feats.length),
  };
}

/**
 * Sentiment: softmax over negative/neutral/positive; two-class rows (SST-2, Chinese
 * reviews) are scored by the softmax restricted to negative/positive, so they say nothing
 * about "neutral". Each source contributes `sourceWeights[source]` of the loss.
 */
export function trainSentiment(
  rows: readonly SentimentExample[],
  space: FeatureSpace,
  opts: {
    lambda: number;
    sourceWeights: Record<string, number>;
    prior: Map<number, readonly number[]>;
    maxIterations: number;
    /** sources whose classes weigh equally in the loss (macro-F1 counts classes equally) */
    balanceClasses?: readonly string[];
    /**
     * two-class sources whose rows also say "not neutral" (scored by the full softmax):
     * without this, a language seen only in two-class data (Chinese) never learns to
     * push "neutral" down, and clear reviews come out neutral.
     */
    notNeutral?: readonly string[];
  },
  log?: Log,
): TaskModel {
  const feats = featuresOf(rows.map((r) => r.text), space);
  const map = compactRows(feats, space.shape.vocabSize, space.featureMinDocs, opts.prior.keys());
  const balanced = new Set(opts.balanceClasses ?? []);
  const group = (r: SentimentExample) => (balanced.has(r.source) ? `${r.source}/${r.label}` : r.source);
  const counts = new Map<string, number>();
  const classes = new Map<string, Set<number>>();
  for (const r of rows) {
    counts.set(group(r), (counts.get(group(r)) ?? 0) + 1);
    classes.set(r.source, (classes.get(r.source) ?? new Set()).add(r.label));
  }
  const weight = Float64Array.from(rows, (r) => {
    const share = balanced.has(r.source) ? 1 / classes.get(r.source)!.size : 1;
    return ((opts.sourceWeights[r.source] ?? 1) * share) / counts.get(group(r))!;
  });
  const set = trainingSet(feats, map, space.alpha, weight);
  set.label = Int32Array.from(rows, (r) => r.label);
  const notNeutral = new Set(opts.notNeutral ?? []);
  set.allowed = Int32Array.from(rows, (r) => (notNeutral.has(r.source) ? 0b111 : r.allowed));
  const prior = new Float64Array(map.size * 3);
  for (const [row, p] of opts.prior) prior.set(p, map.get(row)! * 3);
  log?.(`sentiment: ${rows.length} texts, ${map.size} feature rows`);
  const m = train(set, { head: 'softmax', classes: 3, features: map.size, lambda: opts.lambda, prior, maxIterations: opts.maxIterations, log });
  return toTaskModel(['negative', 'neutral', 'positive'], map, m.W, m.b);
}

/** Toxicity: three independent logistic outputs (toxic, offensive, hate) with missing targets. */
export function trainToxicity(
  rows: readonly ToxicityExample[],
  space: FeatureSpace,
  opts: { lambda: number; sourceWeights: Record<string, number>; maxIterations: number },
  log?: Log,
): TaskModel {
  const group = (s: string) => (s.startsWith('olid') ? 'olid' : s);
  const feats = featuresOf(rows.map((r) => r.text), space);
  const map = compactRows(feats, space.shape.vocabSize, space.featureMinDocs);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(group(r.source), (counts.get(group(r.source)) ?? 0) + 1);
  const weight = Float64Array.from(rows, (r) => (opts.sourceWeights[group(r.source)] ?? 1) / counts.get(group(r.source))!);
  const set = trainingSet(feats, map, space.alpha, weight);
  set.targets = Int8Array.from(rows.flatMap((r) => r.targets));
  log?.(`toxicity: ${rows.length} texts, ${map.size} feature rows`);
  const m = train(set, { head: 'sigmoid', classes: 3, features: map.size, lambda: opts.lambda, maxIterations: opts.maxIterations, log });
  return toTaskModel(['toxic', 'offensive', 'hate'], map, m.W, m.b);
}

/**
 * Codebook quantisation of a task (one codebook per class). Rows whose largest weight is
 * below `pruneBelow` in absolute value are dropped first (weight 0: they move a logit by
 * less than pruneBelow / sqrt(tokens)), and so are rows whose every weight rounds to
 * code 0 (exactly 0); dropped rows are not in the file.
 */
export function quantizeTask(t: TaskModel, levels: number, pruneBelow = 0): TaskWeights {
  const C = t.labels.length;
  const live: number[] = [];
  for (let k = 0; k < t.rows.length; k++) {
    let m = 0;
    for (let c = 0; c < C; c++) m = Math.max(m, Math.abs(t.W[k * C + c]!));
    if (m > 0 && m >= pruneBelow) live.push(k);
  }
  const K = live.length;
  const books = new Float32Array(C * 256);
  const codes = new Uint8Array(K * C);
  for (let c = 0; c < C; c++) {
    const col = Float64Array.from(live, (k) => t.W[k * C + c]!);
    const book = codebook(col, levels);
    books.set(book, c * 256);
    const cc = encodeValues(col, book);
    for (let k = 0; k < K; k++) codes[k * C + c] = cc[k]!;
  }
  const keep: number[] = [];
  for (let k = 0; k < K; k++) {
    let any = false;
    for (let c = 0; c < C; c++) if (codes[k * C + c] !== 0) any = true;
    if (any) keep.push(k);
  }
  const outCodes = new Uint8Array(keep.length * C);
  keep.forEach((k, i) => outCodes.set(codes.subarray(k * C, k * C + C), i * C));
  return {
    labels: t.labels,
    bias: Float32Array.from(t.b),
    codebook: books,
    rows: Uint32Array.from(keep, (k) => t.rows[live[k]!]!),
    codes: outCodes,
  };
}
