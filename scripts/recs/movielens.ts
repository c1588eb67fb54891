import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueItem, Interaction } from '../../shared/recommender/types';
import { seenByUser, type RecsProblem } from './dataset';
import type { EvalCase } from './metrics';
import { seededRandom } from '../../shared/seeded-random';

/**
 * MovieLens 100k (read from its folder, never copied): movies are the items, u.item titles
 * and genres the catalogue (genres as tags, release date as createdAt); ratings are the
 * interactions. A test rating of `minRating` (4) or more is a hit.
 */
export interface Rating {
  user: string;
  item: string;
  rating: number;
  ts: number;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

export function parseReleaseDate(s: string): number {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(s.trim());
  if (!m || MONTHS[m[2]!] === undefined) return 0;
  return Date.UTC(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]));
}

export function parseGenres(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const [name, id] = line.trim().split('|');
    if (name && id !== undefined && id !== '') names[Number(id)] = name;
  }
  return names;
}

/** u.item lines: id|title|release|video release|url|19 genre flags (ISO-8859-1). */
export function parseItems(text: string, genres: string[]): CatalogueItem[] {
  const out: CatalogueItem[] = [];
  for (const line of text.split('\n')) {
    const f = line.replace(/\r$/, '').split('|');
    if (f.length < 24) continue;
    const flags = f.slice(5, 24);
    const tags = flags.flatMap((flag, g) => (flag === '1' && genres[g] && genres[g] !== 'unknown' ? [genres[g]!] : []));
    out.push({ id: f[0]!, title: f[1]!, tags, createdAt: parseReleaseDate(f[2]!) });
  }
  return out;
}

/** u.data-style lines: user \t item \t rating \t unix seconds. */
export function parseRatings(text: string): Rating[] {
  const out: Rating[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split('\t');
    if (f.length < 4) continue;
    out.push({ user: f[0]!, item: f[1]!, rating: Number(f[2]), ts: Number(f[3]) * 1000 });
  }
  return out;
}

export function readMovieLens(dir: string, split = 'u1'): { catalogue: CatalogueItem[]; base: Rating[]; test: Rating[] } {
  const genres = parseGenres(readFileSync(join(dir, 'u.genre'), 'latin1'));
  return {
    catalogue: parseItems(readFileSync(join(dir, 'u.item'), 'latin1'), genres),
    base: parseRatings(readFileSync(join(dir, `${split}.base`), 'utf8')),
    test: parseRatings(readFileSync(join(dir, `${split}.test`), 'utf8')),
  };
}

/**
 * A validation split carved from the training ratings only: a seeded random `fraction` of
 * each member's ratings, like the official u1 split is a random fifth of all ratings.
 */
export function carveValidation(base: readonly Rating[], fraction: number, seed: number): { fit: Rating[]; validation: Rating[] } {
  const random = seededRandom(seed);
  const fit: Rating[] = [];
  const validation: Rating[] = [];
  const sorted = [...base].sort((a, b) => Number(a.user) - Number(b.user) || Number(a.item) - Number(b.item));
  for (const r of sorted) (random() < fraction ? validation : fit).push(r);
  return { fit, validation };
}

export type RatingWeighting = 'binary' | 'rating';

export function toInteractions(ratings: readonly Rating[], weighting: RatingWeighting): Interaction[] {
  return ratings.map((r) => ({ user: r.user, item: r.item, ts: r.ts, weight: weighting === 'binary' ? 1 : r.rating }));
}

export function movieLensProblem(
  name: string,
  train: readonly Rating[],
  test: readonly Rating[],
  catalogue: CatalogueItem[],
  options: { minRating: number; weighting: RatingWeighting },
): RecsProblem {
  const interactions = toInteractions(train, options.weighting);
  const relevant = new Map<string, Set<string>>();
  for (const r of test) {
    if (r.rating < options.minRating) continue;
    let s = relevant.get(r.user);
    if (s === undefined) relevant.set(r.user, (s = new Set()));
    s.add(r.item);
  }
  const cases: EvalCase[] = [...relevant.entries()]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([user, items]) => ({ user, relevant: items }));
  return {
    name,
    train: interactions,
    catalogue,
    cases,
    now: Math.max(...train.map((r) => r.ts)),
    seen: seenByUser(interactions),
  };
}
