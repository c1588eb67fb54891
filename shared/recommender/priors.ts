import type { CatalogueItem, Interaction } from './types';

export const DAY_MS = 86_400_000;

/**
 * Popularity of each thread from members' interactions: every member who touched a thread
 * counts once, weighted by how recent their last touch is,
 *
 *     pop(i) = sum over members u of 2^(-(now - lastTs_ui) / halfLifeMs)
 *
 * (halfLifeMs = Infinity: plain count of distinct members). Touches after `now` are ignored.
 */
export function buildPopularity(
  interactions: Iterable<Interaction>,
  options: { now: number; halfLifeMs?: number },
): Map<string, number> {
  const halfLife = options.halfLifeMs ?? Infinity;
  const last = new Map<string, Map<string, number>>();
  for (const i of interactions) {
    if (i.ts > options.now) continue;
    let users = last.get(i.item);
    if (users === undefined) last.set(i.item, (users = new Map()));
    const prev = users.get(i.user);
    if (prev === undefined || i.ts > prev) users.set(i.user, i.ts);
  }
  const out = new Map<string, number>();
  for (const [item, users] of last) {
    let s = 0;
    for (const ts of users.values()) s += Number.isFinite(halfLife) ? Math.pow(2, -(options.now - ts) / halfLife) : 1;
    out.set(item, s);
  }
  return out;
}

/**
 * Popularity when only the catalogue's counts are known (a forum page shows replies and
 * likes, not who read what): one reply counts as much as a reader, a like as half.
 */
export function cataloguePopularity(item: Pick<CatalogueItem, 'replies' | 'likes'>): number {
  return Math.max(0, item.replies ?? 0) + 0.5 * Math.max(0, item.likes ?? 0);
}

/** 1 for a thread created now or later, halving every `halfLifeMs` of age. */
export function recency(createdAt: number, now: number, halfLifeMs: number): number {
  if (!(halfLifeMs > 0)) return 0;
  const age = now - createdAt;
  return age <= 0 ? 1 : Math.pow(2, -age / halfLifeMs);
}
