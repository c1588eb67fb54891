import { describe, expect, it } from 'vitest';
import { carveValidation, movieLensProblem, parseGenres, parseItems, parseRatings, parseReleaseDate } from './movielens';

const genres = parseGenres('unknown|0\nAction|1\nAdventure|2\nAnimation|3\nChildren\'s|4\nComedy|5\n');
const flags = (on: number[]) => Array.from({ length: 19 }, (_, g) => (on.includes(g) ? '1' : '0')).join('|');

describe('MovieLens readers', () => {
  it('reads u.item titles, genres as tags and release dates', () => {
    const items = parseItems(`1|Toy Story (1995)|01-Jan-1995||http://x|${flags([3, 4, 5])}\n267|unknown||||${flags([0])}\n`, genres);
    expect(items[0]).toEqual({ id: '1', title: 'Toy Story (1995)', tags: ['Animation', "Children's", 'Comedy'], createdAt: Date.UTC(1995, 0, 1) });
    expect(items[1]!.tags).toEqual([]);
    expect(parseReleaseDate('')).toBe(0);
  });

  it('turns ratings into a problem: hits are test ratings of 4 or more', () => {
    const base = parseRatings('1\t10\t5\t100\n1\t11\t2\t200\n2\t10\t4\t300\n');
    const test = parseRatings('1\t12\t4\t400\n1\t13\t3\t400\n2\t14\t1\t500\n');
    const p = movieLensProblem('t', base, test, [], { minRating: 4, weighting: 'rating' });
    expect(p.cases).toEqual([{ user: '1', relevant: new Set(['12']) }]);
    expect(p.train[0]).toEqual({ user: '1', item: '10', ts: 100_000, weight: 5 });
    expect(p.seen.get('1')).toEqual(new Set(['10', '11']));
    expect(p.now).toBe(300_000);
  });

  it('carves a validation slice that partitions the training ratings, the same way every time', () => {
    const base = Array.from({ length: 500 }, (_, i) => ({ user: String(i % 7), item: String(i), rating: 3, ts: i }));
    const a = carveValidation(base, 0.2, 1);
    const b = carveValidation([...base].reverse(), 0.2, 1);
    expect(a).toEqual(b);
    expect(a.fit.length + a.validation.length).toBe(500);
    expect(a.validation.length).toBeGreaterThan(60);
    expect(a.validation.length).toBeLessThan(140);
  });
});
