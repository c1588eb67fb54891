import type { Interaction, InteractionKind } from './types';

/**
 * How much one interaction says about a member's interest in a thread. Writing in a thread
 * (starting it, replying) says more than liking it, which says more than opening it.
 */
export const KIND_WEIGHTS: Readonly<Record<InteractionKind, number>> = {
  view: 1,
  like: 2,
  reply: 3,
  post: 3,
};

/** Several interactions of one member with one thread add up to at most this. */
export const MAX_ITEM_WEIGHT = 5;

export function interactionWeight(i: Pick<Interaction, 'kind' | 'weight'>): number {
  const w = i.weight ?? KIND_WEIGHTS[i.kind ?? 'view'];
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/** One member's summary of one thread: total weight (capped), first and last time. */
export interface ItemTouch {
  item: string;
  weight: number;
  firstTs: number;
  lastTs: number;
}

/**
 * Folds a member's interactions into one touch per thread, ordered by first time (oldest
 * first; ties by item id so the order never depends on the input's order).
 */
export function touchesOf(interactions: Iterable<Interaction>, maxWeight = MAX_ITEM_WEIGHT): ItemTouch[] {
  const byItem = new Map<string, ItemTouch>();
  for (const i of interactions) {
    const w = interactionWeight(i);
    if (w === 0) continue;
    const t = byItem.get(i.item);
    if (t === undefined) {
      byItem.set(i.item, { item: i.item, weight: Math.min(maxWeight, w), firstTs: i.ts, lastTs: i.ts });
    } else {
      t.weight = Math.min(maxWeight, t.weight + w);
      if (i.ts < t.firstTs) t.firstTs = i.ts;
      if (i.ts > t.lastTs) t.lastTs = i.ts;
    }
  }
  return [...byItem.values()].sort((a, b) => a.firstTs - b.firstTs || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
}
