/**
 * Ranking metrics for risk scores (higher score = more likely positive).
 *
 * AUC: the probability that a random positive scores above a random negative, ties
 * counting one half (Mann-Whitney U / (P · N), with average ranks for ties). null when
 * one class is absent.
 *
 * precisionAtTop(fraction): among the k = ceil(fraction · n) highest scores, the share of
 * positives. When a group of tied scores straddles the k-th place, it contributes its
 * positive share times the places left (the expectation over random tie-breaking), so the
 * figure does not depend on input order. null when n is 0.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  const n = scores.length;
  const order = [...scores.keys()].sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function precisionAtTop(scores: readonly number[], labels: readonly number[], fraction: number): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.ceil(fraction * n));
  const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
  let hits = 0;
  let taken = 0;
  for (let i = 0; i < n && taken < k; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const size = j - i + 1;
    let pos = 0;
    for (let t = i; t <= j; t++) pos += labels[order[t]!] ? 1 : 0;
    const take = Math.min(size, k - taken);
    hits += (pos / size) * take;
    taken += take;
    i = j + 1;
  }
  return hits / k;
}
