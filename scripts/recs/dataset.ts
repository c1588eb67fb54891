import type { CatalogueItem, Interaction } from '../../shared/recommender/types';
import type { EvalCase } from './metrics';

/**
 * One evaluation problem: what the recommender may learn from (`train`, all members'
 * interactions before the cut), the catalogue it picks from, and per member the items that
 * count as hits. `now` is the moment recommendations are made.
 */
export interface RecsProblem {
  name: string;
  train: Interaction[];
  catalogue: CatalogueItem[];
  cases: EvalCase[];
  now: number;
  /** Items each member may not be recommended (their training items), by member. */
  seen: Map<string, Set<string>>;
}

export function seenByUser(train: readonly Interaction[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const i of train) {
    let s = m.get(i.user);
    if (s === undefined) m.set(i.user, (s = new Set()));
    s.add(i.item);
  }
  return m;
}

export function historyByUser(train: readonly Interaction[]): Map<string, Interaction[]> {
  const m = new Map<string, Interaction[]>();
  for (const i of train) {
    let s = m.get(i.user);
    if (s === undefined) m.set(i.user, (s = []));
    s.push(i);
  }
  return m;
}
