import type { Neighbours } from './types';

export interface CoVisitScore {
  score: number;
  /** The read thread that contributed most. */
  because: string;
  best: number;
}

/**
 * Item-based scores for one member: score(j) = sum over read threads h of
 * weight(h) * neighbourScore(h, j). Also remembers which read thread contributed most.
 */
export function scoreByNeighbours(reads: Map<string, number>, neighbours: Neighbours): Map<string, CoVisitScore> {
  const out = new Map<string, CoVisitScore>();
  const order = [...reads.keys()].sort();
  for (const h of order) {
    const w = reads.get(h)!;
    if (w <= 0) continue;
    for (const n of neighbours.get(h) ?? []) {
      const add = w * n.score;
      const s = out.get(n.item);
      if (s === undefined) out.set(n.item, { score: add, because: h, best: add });
      else {
        s.score += add;
        if (add > s.best) {
          s.best = add;
          s.because = h;
        }
      }
    }
  }
  return out;
}
