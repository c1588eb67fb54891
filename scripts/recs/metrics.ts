/**
 * Ranking metrics with binary relevance, averaged over the members evaluated.
 *
 *     recall@k = |top k ∩ relevant| / |relevant|
 *     nDCG@k   = DCG / IDCG,  DCG = sum over hits at rank r (1-based) of 1 / log2(r + 1),
 *                IDCG = the DCG of min(k, |relevant|) hits at the top
 */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const item of new Set(ranked.slice(0, k))) if (relevant.has(item)) hits++;
  return hits / relevant.size;
}

export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const seen = new Set<string>();
  ranked.slice(0, k).forEach((item, i) => {
    if (relevant.has(item) && !seen.has(item)) dcg += 1 / Math.log2(i + 2);
    seen.add(item);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

export interface Scores {
  'recall@10': number;
  'ndcg@10': number;
}

/**
 * One member to recommend for, and the items that count as hits. With `now`, the list is
 * asked for at that moment: only items created before it may be picked (replay).
 */
export interface EvalCase {
  user: string;
  relevant: Set<string>;
  now?: number;
}

/** Mean recall@k and nDCG@k of a ranker over the cases (members with at least one relevant item). */
export function evaluate(cases: readonly EvalCase[], rank: (c: EvalCase) => string[], k = 10): Scores {
  let recall = 0;
  let ndcg = 0;
  let n = 0;
  for (const c of cases) {
    if (c.relevant.size === 0) continue;
    const ranked = rank(c);
    recall += recallAt(ranked, c.relevant, k);
    ndcg += ndcgAt(ranked, c.relevant, k);
    n++;
  }
  return { 'recall@10': n ? recall / n : 0, 'ndcg@10': n ? ndcg / n : 0 };
}

/** The same means pooled over several problems (every member of every fold counts once). */
export function evaluateFolds(folds: ReadonlyArray<{ cases: readonly EvalCase[]; rank: (c: EvalCase) => string[] }>, k = 10): Scores & { cases: number } {
  let recall = 0;
  let ndcg = 0;
  let n = 0;
  for (const f of folds) {
    for (const c of f.cases) {
      if (c.relevant.size === 0) continue;
      const ranked = f.rank(c);
      recall += recallAt(ranked, c.relevant, k);
      ndcg += ndcgAt(ranked, c.relevant, k);
      n++;
    }
  }
  return { 'recall@10': n ? recall / n : 0, 'ndcg@10': n ? ndcg / n : 0, cases: n };
}
