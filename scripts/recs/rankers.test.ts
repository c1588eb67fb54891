import { describe, expect, it } from 'vitest';
import { buildNeighbours } from '../../shared/recommender/co-visitation';
import type { CatalogueItem, Interaction } from '../../shared/recommender/types';
import { seenByUser, type RecsProblem } from './dataset';
import { hybridRanker, itemSimRanker, newestRanker, popularityRanker, randomRanker } from './rankers';

const item = (id: string, createdAt: number): CatalogueItem => ({ id, title: `thread ${id}`, tags: [], createdAt });
const catalogue = ['a', 'b', 'c', 'd', 'e'].map((id, n) => item(id, n * 10));
const train: Interaction[] = [
  { user: 'u', item: 'a', ts: 1 },
  { user: 'v', item: 'a', ts: 2 },
  { user: 'v', item: 'b', ts: 3 },
  { user: 'w', item: 'a', ts: 4 },
  { user: 'w', item: 'b', ts: 5 },
  { user: 'w', item: 'c', ts: 6 },
];
const p: RecsProblem = { name: 't', train, catalogue, cases: [], now: 50, seen: seenByUser(train) };

describe('rankers', () => {
  it('never return what the member touched, nor anything created after the moment asked', () => {
    const rankers = [popularityRanker(p), randomRanker(p, 1), newestRanker(p), itemSimRanker(p, buildNeighbours(train)), hybridRanker(p, { neighbours: buildNeighbours(train) })];
    for (const rank of rankers) {
      const picks = rank({ user: 'u', relevant: new Set(), now: 35 });
      expect(picks).not.toContain('a');
      expect(picks).not.toContain('e'); // created at 40
    }
  });

  it('rank by what they say', () => {
    expect(popularityRanker(p)({ user: 'u', relevant: new Set() })).toEqual(['b', 'c']); // d and e were never touched
    expect(newestRanker(p)({ user: 'u', relevant: new Set() })).toEqual(['e', 'd', 'c', 'b']);
    expect(itemSimRanker(p, buildNeighbours(train))({ user: 'u', relevant: new Set() })[0]).toBe('b');
  });
});
