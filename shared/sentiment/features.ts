/**
 * Features of a token-id sequence, exactly as the ONNX graph forms them in-graph
 * (scripts/sentiment/onnx-graph.ts): every id is a row of the weight table (unigrams),
 * and every pair and triple of neighbouring ids is hashed into one of `buckets` rows
 * after the vocabulary:
 *
 *   pair(a, b)     = (a * M1 + b) mod Q
 *   bigram row     = V + pair(a, b) mod buckets
 *   trigram row    = V + (pair(a, b) * M2 + c) mod buckets
 *
 * All values stay below 2^53 (ids < M1 < 2^20, Q < 2^31, M2 < 2^21), so JavaScript numbers
 * and ONNX int64 compute the same rows.
 */
export const HASH_M1 = 1_000_003;
export const HASH_M2 = 1_000_033;
export const HASH_Q = 2_147_483_647;

export interface FeatureShape {
  /** vocabulary size V (ids 0..V-1) */
  vocabSize: number;
  /** hashed n-gram rows after the vocabulary */
  buckets: number;
  /** 1 = unigrams, 2 = + bigrams, 3 = + trigrams */
  ngram: number;
}

/** Calls `visit(row)` once per feature occurrence (repeats count twice). */
export function forEachFeature(ids: ArrayLike<number>, shape: FeatureShape, visit: (row: number) => void): void {
  const n = ids.length;
  const V = shape.vocabSize;
  const B = shape.buckets;
  for (let i = 0; i < n; i++) visit(ids[i]!);
  if (shape.ngram < 2) return;
  for (let i = 0; i + 1 < n; i++) {
    const pair = (ids[i]! * HASH_M1 + ids[i + 1]!) % HASH_Q;
    visit(V + (pair % B));
    if (shape.ngram >= 3 && i + 2 < n) visit(V + ((pair * HASH_M2 + ids[i + 2]!) % B));
  }
}

/** The rows of all features, in the order forEachFeature visits them. */
export function featureRows(ids: ArrayLike<number>, shape: FeatureShape): Int32Array {
  const n = ids.length;
  const count = n + (shape.ngram >= 2 ? Math.max(0, n - 1) : 0) + (shape.ngram >= 3 ? Math.max(0, n - 2) : 0);
  const out = new Int32Array(count);
  let k = 0;
  forEachFeature(ids, shape, (r) => {
    out[k++] = r;
  });
  return out;
}
