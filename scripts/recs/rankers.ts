import type { ContentIndex } from '../../shared/recommender/content-index';
import { buildContentIndex, vectorise } from '../../shared/recommender/content-index';
import { scoreByNeighbours } from '../../shared/recommender/co-visitation-scores';
import { touchesOf } from '../../shared/recommender/interaction-weight';
import { buildPopularity } from '../../shared/recommender/priors';
import { recommend, type RecommendInput } from '../../shared/recommender/recommend';
import type { CatalogueItem, Neighbours } from '../../shared/recommender/types';
import { historyByUser, type RecsProblem } from './dataset';
import type { EvalCase } from './metrics';
import { seededRandom, shuffled } from '../../shared/seeded-random';

/**
 * A ranker gives a case's top-k item ids: never items the member touched in training,
 * never items created after the case's `now` (when it has one).
 */
export type Ranker = (c: EvalCase) => string[];

const byScoreThenId = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function availability(p: RecsProblem): (c: EvalCase) => (id: string) => boolean {
  const created = new Map(p.catalogue.map((c) => [c.id, c.createdAt]));
  return (c) => {
    const seen = p.seen.get(c.user) ?? new Set<string>();
    const now = c.now;
    return (id) => !seen.has(id) && created.has(id) && (now === undefined || created.get(id)! < now);
  };
}

/** The catalogue as it stood at the case's moment. */
export function catalogueAt(p: RecsProblem): (c: EvalCase) => CatalogueItem[] {
  return (c) => (c.now === undefined ? p.catalogue : p.catalogue.filter((item) => item.createdAt < c.now!));
}

/** Most members first (distinct members in training). */
export function popularityRanker(p: RecsProblem, k = 10): Ranker {
  const pop = buildPopularity(p.train, { now: Infinity });
  const order = [...pop.entries()].sort(byScoreThenId).map(([id]) => id);
  const available = availability(p);
  return (c) => {
    const ok = available(c);
    const out: string[] = [];
    for (const id of order) {
      if (out.length === k) break;
      if (ok(id)) out.push(id);
    }
    return out;
  };
}

/** Newest first (creation time): what a forum's "latest" list shows. */
export function newestRanker(p: RecsProblem, k = 10): Ranker {
  const order = [...p.catalogue].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => c.id);
  const available = availability(p);
  return (c) => {
    const ok = available(c);
    const out: string[] = [];
    for (const id of order) {
      if (out.length === k) break;
      if (ok(id)) out.push(id);
    }
    return out;
  };
}

/** A seeded shuffle of the available catalogue per case. */
export function randomRanker(p: RecsProblem, seed: number, k = 10): Ranker {
  const random = seededRandom(seed);
  const ids = p.catalogue.map((c) => c.id);
  const available = availability(p);
  return (c) => shuffled(ids.filter(available(c)), random).slice(0, k);
}

/** Item similarity alone: sum of co-visitation neighbour scores of the member's items. */
export function itemSimRanker(p: RecsProblem, neighbours: Neighbours, k = 10): Ranker {
  const histories = historyByUser(p.train);
  const available = availability(p);
  return (c) => {
    const reads = new Map(touchesOf(histories.get(c.user) ?? []).map((t) => [t.item, t.weight]));
    const ok = available(c);
    return [...scoreByNeighbours(reads, neighbours).entries()]
      .filter(([id]) => ok(id))
      .map(([id, s]): [string, number] => [id, s.score])
      .sort(byScoreThenId)
      .slice(0, k)
      .map(([id]) => id);
  };
}

export interface HybridSetup {
  neighbours: Neighbours;
  options?: RecommendInput['options'];
  popularityHalfLifeMs?: number;
  /** Built from the training-time catalogue; later items are vectorised on its scale. */
  content?: ContentIndex;
}

/** The shipped hybrid (`shared/recommender/recommend.ts`), called as the Worker would. */
export function hybridRanker(p: RecsProblem, setup: HybridSetup, k = 10): Ranker {
  const histories = historyByUser(p.train);
  const popularity = buildPopularity(p.train, { now: p.now, halfLifeMs: setup.popularityHalfLifeMs ?? Infinity });
  const base = setup.content ?? buildContentIndex(p.catalogue.filter((c) => c.createdAt < p.now));
  // Threads created after the cut are vectorised once, on the cut's document frequencies.
  const vectors = new Map(base.vectors);
  for (const item of p.catalogue) if (!vectors.has(item.id)) vectors.set(item.id, vectorise(base, item));
  const content = { ...base, vectors };
  const at = catalogueAt(p);
  return (c) =>
    recommend({
      user: c.user,
      history: histories.get(c.user) ?? [],
      catalogue: at(c),
      neighbours: setup.neighbours,
      popularity,
      content,
      now: c.now ?? p.now,
      k,
      ...(setup.options ? { options: setup.options } : {}),
    }).map((r) => r.item);
}
