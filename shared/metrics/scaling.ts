/**
 * Putting quantities in different units on one 0..1 scale, relative to the community.
 *
 *     logScale(x, ref) = 0                             when x <= 0 (or not finite)
 *                      = min(1, ln(1 + x) / ln(1 + ref)) otherwise
 *
 * `ref` is the amount that earns full marks. The logarithm gives the first like more
 * weight than the fiftieth. `communityReference` picks `ref` from the community's own
 * distribution: the 90th percentile of the non-zero values (so the top tenth of those
 * who do something get full marks), robust to one outlier with thousands; with fewer than
 * `minCount` non-zero values the distribution says too little and `fallback` is used.
 */
export function logScale(x: number, ref: number): number {
  if (!Number.isFinite(x) || x <= 0 || !(ref > 0)) return 0;
  return Math.min(1, Math.log1p(x) / Math.log1p(ref));
}

/**
 * q-quantile (0..1) of a list sorted ascending, interpolating linearly between order
 * statistics (R type 7, numpy's default): position h = (n - 1) q. Empty list: NaN.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface ReferenceOptions {
  /** Quantile of the non-zero values that earns full marks (default 0.9). */
  q?: number;
  /** Fewest non-zero values to trust the distribution (default 5). */
  minCount?: number;
  /** Reference when the distribution is too small. */
  fallback: number;
  /** The reference is never below this (default 1: one unit is never "the top"). */
  floor?: number;
}

export interface Reference {
  value: number;
  /** Where it came from: the community's distribution or the fallback. */
  source: 'community' | 'fallback';
  /** Non-zero values seen. */
  nonZero: number;
}

export function communityReference(values: Iterable<number>, options: ReferenceOptions): Reference {
  const positive = [...values].filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const floor = options.floor ?? 1;
  if (positive.length < (options.minCount ?? 5)) {
    return { value: Math.max(floor, options.fallback), source: 'fallback', nonZero: positive.length };
  }
  return { value: Math.max(floor, quantileSorted(positive, options.q ?? 0.9)), source: 'community', nonZero: positive.length };
}
