/**
 * Greedy re-ranking for variety: each pick's score is multiplied by `penalty` for every
 * earlier pick that shares a tag with it (the most shared tag counts), and no tag may
 * appear on more than `maxPerTag` picks while other candidates remain.
 * `penalty` = 1 and `maxPerTag` = Infinity leave the order alone.
 * Candidates must come sorted by score, best first.
 */
export interface Candidate {
  item: string;
  score: number;
  tags: string[];
}

export function diversify<C extends Candidate>(
  sorted: C[],
  k: number,
  penalty: number,
  maxPerTag: number,
): Array<C & { adjusted: number }> {
  const picks: Array<C & { adjusted: number }> = [];
  const used = new Map<string, number>();
  const remaining = [...sorted];
  const sharedCount = (c: C): number => {
    let m = 0;
    for (const t of c.tags) m = Math.max(m, used.get(t) ?? 0);
    return m;
  };
  let capped = Number.isFinite(maxPerTag);
  while (picks.length < k && remaining.length > 0) {
    let bestAt = -1;
    let best = -Infinity;
    for (let x = 0; x < remaining.length; x++) {
      const c = remaining[x]!;
      // Penalties only lower scores (for non-negative scores): nothing further down can win.
      if (c.score <= best && c.score >= 0) break;
      const n = sharedCount(c);
      if (capped && n >= maxPerTag) continue;
      const adjusted = n === 0 || penalty === 1 ? c.score : c.score * Math.pow(penalty, n);
      if (adjusted > best) {
        best = adjusted;
        bestAt = x;
      }
    }
    if (bestAt < 0) {
      if (!capped) break;
      capped = false; // every remaining candidate breaks the cap: fill with the best of them
      continue;
    }
    const [c] = remaining.splice(bestAt, 1);
    picks.push({ ...c!, adjusted: best });
    for (const t of new Set(c!.tags)) used.set(t, (used.get(t) ?? 0) + 1);
  }
  return picks;
}
