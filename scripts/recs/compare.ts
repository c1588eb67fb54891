import { buildContentIndex, type ContentIndex } from '../../shared/recommender/content-index';
import { buildNeighbours } from '../../shared/recommender/co-visitation';
import type { Neighbours } from '../../shared/recommender/types';
import type { RecsProblem } from './dataset';
import { evaluateFolds, type Scores } from './metrics';
import { neighbourOptions, popularityHalfLifeMs, recommendOptions, type BlendParams, type NeighbourParams } from './params';
import { hybridRanker, itemSimRanker, newestRanker, popularityRanker, randomRanker } from './rankers';

/**
 * The four methods of the report (and newest-first, printed beside them as a reference), scored on the same folds (one fold for MovieLens,
 * several time cuts for Stack Exchange), with neighbours and content vectors built once per
 * fold and setting.
 */
export type Method = 'hybrid' | 'itemsim' | 'popularity' | 'random' | 'newest';
export type MethodScores = Record<Method, Scores & { cases: number }>;

const neighbourCache = new WeakMap<RecsProblem, Map<string, Neighbours>>();
const contentCache = new WeakMap<RecsProblem, ContentIndex>();

export function neighboursFor(p: RecsProblem, np: NeighbourParams): Neighbours {
  let m = neighbourCache.get(p);
  if (m === undefined) neighbourCache.set(p, (m = new Map()));
  const key = JSON.stringify(np);
  let n = m.get(key);
  if (n === undefined) {
    n = buildNeighbours(p.train, neighbourOptions(np));
    m.clear(); // one setting at a time is enough and keeps memory flat
    m.set(key, n);
  }
  return n;
}

function contentFor(p: RecsProblem): ContentIndex {
  let c = contentCache.get(p);
  if (c === undefined) contentCache.set(p, (c = buildContentIndex(p.catalogue.filter((item) => item.createdAt < p.now))));
  return c;
}

export function scoreItemSim(folds: readonly RecsProblem[], np: NeighbourParams): Scores & { cases: number } {
  return evaluateFolds(folds.map((p) => ({ cases: p.cases, rank: itemSimRanker(p, neighboursFor(p, np)) })));
}

export function scoreHybrid(folds: readonly RecsProblem[], np: NeighbourParams, bp: BlendParams): Scores & { cases: number } {
  return evaluateFolds(
    folds.map((p) => ({
      cases: p.cases,
      rank: hybridRanker(p, {
        neighbours: neighboursFor(p, np),
        content: contentFor(p),
        options: recommendOptions(bp),
        popularityHalfLifeMs: popularityHalfLifeMs(bp),
      }),
    })),
  );
}

export function compareMethods(folds: readonly RecsProblem[], np: NeighbourParams, bp: BlendParams, seed: number): MethodScores {
  return {
    hybrid: scoreHybrid(folds, np, bp),
    itemsim: scoreItemSim(folds, np),
    popularity: evaluateFolds(folds.map((p) => ({ cases: p.cases, rank: popularityRanker(p) }))),
    random: evaluateFolds(folds.map((p, i) => ({ cases: p.cases, rank: randomRanker(p, seed + i) }))),
    newest: evaluateFolds(folds.map((p) => ({ cases: p.cases, rank: newestRanker(p) }))),
  };
}
