/**
 * Fixed, seeded train/test split by text: a row's part depends only on the seed and its
 * (trimmed) text, so duplicates always fall on the same side, the split of a file never
 * depends on which other rows it holds, and `eval-sentiment --split test` finds the same
 * test rows in any copy of a file.
 *
 *   u = hash(seed, text) / 2^32;  test if u < 0.2;  validation if 0.2 <= u < 0.3;  else fit
 *
 * "train" = fit + validation (80 %). Hyper-parameters are chosen on validation; the
 * shipped model is fitted on all of train; test is only ever scored.
 */
export const SPLIT_SEED = 'pulse-sentiment-split-v1';
export const TEST_FRACTION = 0.2;
export const VALIDATION_FRACTION = 0.1;

export type Part = 'fit' | 'validation' | 'test';

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function partOf(text: string, seed = SPLIT_SEED): Part {
  const u = hash32(`${seed}\u0000${text.trim()}`) / 2 ** 32;
  if (u < TEST_FRACTION) return 'test';
  if (u < TEST_FRACTION + VALIDATION_FRACTION) return 'validation';
  return 'fit';
}

export type SplitName = 'all' | 'train' | 'test' | 'fit' | 'validation';

export function inSplit(text: string, split: SplitName): boolean {
  if (split === 'all') return true;
  const p = partOf(text);
  return split === 'train' ? p !== 'test' : p === split;
}
