import type { NeighbourOptions } from '../../shared/recommender/co-visitation';
import { DAY_MS } from '../../shared/recommender/priors';
import type { RecommendInput } from '../../shared/recommender/recommend';
import type { Grid } from './tune';

/**
 * Everything the evaluation tunes, as flat JSON-friendly numbers (half-lives in days, 0 =
 * no decay). Co-visitation parameters are tuned first for item similarity alone; the
 * hybrid reuses those neighbours and tunes only the blend.
 */
export interface NeighbourParams {
  k: number;
  window: number;
  alpha: number;
  rowExponent: number;
  userDamping: 'none' | 'log' | 'inverse';
  pairHalfLifeDays: number;
}

export interface BlendParams {
  content: number;
  tag: number;
  popularity: number;
  recency: number;
  historyHalfLifeDays: number;
  popularityHalfLifeDays: number;
  recencyHalfLifeDays: number;
  diversity: number;
  maxPerTag: number;
}

export const START_NEIGHBOURS: NeighbourParams = { k: 100, window: 50, alpha: 0.5, rowExponent: 0.5, userDamping: 'log', pairHalfLifeDays: 0 };

export const START_BLEND: BlendParams = {
  content: 0.3,
  tag: 0.15,
  popularity: 0.2,
  recency: 0.1,
  historyHalfLifeDays: 90,
  popularityHalfLifeDays: 0,
  recencyHalfLifeDays: 14,
  diversity: 0.8,
  maxPerTag: 4,
};

export const NEIGHBOUR_GRID: Grid<NeighbourParams> = {
  userDamping: ['none', 'log', 'inverse'],
  rowExponent: [0.5, 0.75, 1],
  alpha: [0.2, 0.3, 0.4, 0.5, 0.7],
  k: [50, 100, 200, 400],
  window: [10, 50, 1000],
};

/**
 * Diversity is never switched off: at most 7 of 10 picks may share a tag, each shared tag
 * costs at least 5%.
 */
export const BLEND_GRID: Grid<BlendParams> = {
  popularity: [0, 0.05, 0.1, 0.2, 0.4, 0.8],
  content: [0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6],
  tag: [0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6],
  recency: [0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6],
  historyHalfLifeDays: [7, 30, 90, 365, 0],
  popularityHalfLifeDays: [0, 1, 7, 30],
  recencyHalfLifeDays: [0.25, 1, 3, 14, 60],
  diversity: [0.8, 0.9, 0.95],
  maxPerTag: [3, 4, 5, 7],
};

const days = (d: number): number => (d > 0 ? d * DAY_MS : 0);

export function neighbourOptions(p: NeighbourParams): Partial<NeighbourOptions> {
  return {
    k: p.k,
    window: p.window,
    alpha: p.alpha,
    rowExponent: p.rowExponent,
    userDamping: p.userDamping,
    pairHalfLifeMs: days(p.pairHalfLifeDays),
    maxItemsPerUser: 1000,
  };
}

export function recommendOptions(p: BlendParams): NonNullable<RecommendInput['options']> {
  return {
    weights: { covisit: 1, content: p.content, tag: p.tag, popularity: p.popularity, recency: p.recency },
    historyHalfLifeMs: p.historyHalfLifeDays > 0 ? days(p.historyHalfLifeDays) : Infinity,
    recencyHalfLifeMs: days(p.recencyHalfLifeDays),
    diversity: p.diversity,
    maxPerTag: p.maxPerTag,
    maxHistory: 1000,
  };
}

export function popularityHalfLifeMs(p: BlendParams): number {
  return p.popularityHalfLifeDays > 0 ? days(p.popularityHalfLifeDays) : Infinity;
}
