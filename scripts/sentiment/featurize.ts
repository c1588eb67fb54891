import { featureRows, type FeatureShape } from '../../shared/sentiment/features';
import { splitTokens, tokenIds } from '../../shared/sentiment/tokenize';
import { prepareText } from '../../shared/sentiment/prepare';
import { SPECIAL_TOKENS } from '../../shared/sentiment/tokenizer-spec';

/**
 * The vocabulary: the special tokens, then every token seen at least `minCount` times in
 * `texts` (most frequent first, ties in code-unit order), then `extra` tokens not yet in.
 */
export function buildVocab(texts: Iterable<string>, minCount: number, extra: Iterable<string> = []): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const tok of splitTokens(prepareText(t))) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  const kept = [...counts].filter(([, c]) => c >= minCount);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vocab: string[] = [...SPECIAL_TOKENS, ...kept.map(([t]) => t)];
  const seen = new Set(vocab);
  for (const t of extra) {
    if (!seen.has(t)) {
      vocab.push(t);
      seen.add(t);
    }
  }
  return vocab;
}

export interface DocFeatures {
  /** global rows (vocabulary ids, then V + bucket) */
  rows: Int32Array;
  /** tokens including [CLS] */
  tokens: number;
}

export function docFeatures(text: string, vocab: ReadonlyMap<string, number>, shape: FeatureShape): DocFeatures {
  const ids = tokenIds(prepareText(text), vocab);
  return { rows: featureRows(ids, shape), tokens: ids.length };
}

/**
 * Compact indices for the rows that occur in at least `minDocs` of the given documents
 * (vocabulary rows always kept when seen), plus `extraRows` (rows with a prior); other
 * rows get weight 0 in the shipped table.
 */
export function compactRows(
  docs: readonly DocFeatures[],
  vocabSize: number,
  minDocs: number,
  extraRows: Iterable<number> = [],
): Map<number, number> {
  const df = new Map<number, number>();
  for (const d of docs) {
    const seen = new Set<number>();
    for (const r of d.rows) {
      if (seen.has(r)) continue;
      seen.add(r);
      df.set(r, (df.get(r) ?? 0) + 1);
    }
  }
  const keep = new Set([...df].filter(([r, c]) => r < vocabSize || c >= minDocs).map(([r]) => r));
  for (const r of extraRows) keep.add(r);
  const rows = [...keep];
  rows.sort((a, b) => a - b);
  return new Map(rows.map((r, i) => [r, i]));
}

export function toCompact(rows: Int32Array, map: ReadonlyMap<number, number>): Int32Array {
  let n = 0;
  for (const r of rows) if (map.has(r)) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (const r of rows) {
    const j = map.get(r);
    if (j !== undefined) out[k++] = j;
  }
  return out;
}
