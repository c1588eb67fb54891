import { HASH_M1, HASH_M2, HASH_Q } from './features';
import { decodeModel, fromBase64, type ModelHeader } from './model-format';
import { prepareText } from './prepare';
import { tokenIds } from './tokenize';

/**
 * The model, decoded once on first use: one dense float32 table of (vocabulary + buckets)
 * rows × 6 columns (sentiment negative/neutral/positive, then toxic/offensive/hate), so a
 * post costs one tokenizer pass and 6 additions per feature.
 */
export interface LoadedModel {
  header: ModelHeader;
  vocab: Map<string, number>;
  table: Float32Array;
  bias: Float64Array;
  columns: number;
}

/** Decodes a model from its vocabulary (one token a line) and base64 weights file. */
export function createModel(vocabLines: string, weightsBase64: string): LoadedModel {
  const packed = decodeModel(fromBase64(weightsBase64));
  const h = packed.header;
  const words = vocabLines.split('\n');
  if (words.length !== h.vocabSize) throw new Error(`vocabulary has ${words.length} entries, weights expect ${h.vocabSize}`);
  const columns = packed.tasks.reduce((s, t) => s + t.labels.length, 0);
  const table = new Float32Array((h.vocabSize + h.buckets) * columns);
  const bias = new Float64Array(columns);
  let col = 0;
  for (const t of packed.tasks) {
    const C = t.labels.length;
    for (let c = 0; c < C; c++) bias[col + c] = t.bias[c]!;
    for (let k = 0; k < t.rows.length; k++) {
      const base = t.rows[k]! * columns + col;
      for (let c = 0; c < C; c++) table[base + c] = t.codebook[c * 256 + t.codes[k * C + c]!]!;
    }
    col += C;
  }
  return { header: h, vocab: new Map(words.map((w, i) => [w, i])), table, bias, columns };
}

/**
 * Raw outputs of the model for a text: the 6 logits (sentiment softmax inputs, then
 * toxicity sigmoid inputs) and the prepared text. Same numbers as the ONNX graphs.
 */
export function modelLogits(m: LoadedModel, text: unknown): { logits: Float64Array; prepared: string } {
  const prepared = prepareText(text);
  const ids = tokenIds(prepared, m.vocab);
  const { vocabSize: V, buckets: B, ngram } = m.header;
  const C = m.columns;
  const table = m.table;
  const z = new Float64Array(C);
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    const a = ids[i]!;
    let base = a * C;
    for (let c = 0; c < C; c++) z[c]! += table[base + c]!;
    if (ngram >= 2 && i + 1 < n) {
      const pair = (a * HASH_M1 + ids[i + 1]!) % HASH_Q;
      base = (V + (pair % B)) * C;
      for (let c = 0; c < C; c++) z[c]! += table[base + c]!;
      if (ngram >= 3 && i + 2 < n) {
        base = (V + ((pair * HASH_M2 + ids[i + 2]!) % B)) * C;
        for (let c = 0; c < C; c++) z[c]! += table[base + c]!;
      }
    }
  }
  const scale = 1 / Math.pow(n, m.header.alpha);
  for (let c = 0; c < C; c++) z[c] = m.bias[c]! + scale * z[c]!;
  return { logits: z, prepared };
}
