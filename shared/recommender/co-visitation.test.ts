import { describe, expect, it } from 'vitest';
import { buildNeighbours } from './co-visitation';
import type { Interaction } from './types';

const read = (user: string, items: string[], start = 0): Interaction[] =>
  items.map((item, n) => ({ user, item, ts: start + n * 1000, kind: 'view' }));

describe('buildNeighbours', () => {
  it('matches hand-computed cosine scores', () => {
    // a and b read x and y; c reads x and z. Readers: x 3, y 2, z 1. Co-reads: xy 2, xz 1.
    const events = [...read('a', ['x', 'y']), ...read('b', ['x', 'y']), ...read('c', ['x', 'z'])];
    const n = buildNeighbours(events, { userDamping: 'none', alpha: 0.5, rowExponent: 0.5 });
    const x = n.get('x')!;
    expect(x.map((e) => e.item)).toEqual(['y', 'z']);
    expect(x[0]!.score).toBeCloseTo(2 / Math.sqrt(3 * 2), 10);
    expect(x[1]!.score).toBeCloseTo(1 / Math.sqrt(3 * 1), 10);
    expect(n.get('y')!.map((e) => e.item)).toEqual(['x']);
    expect(n.get('z')![0]!.score).toBeCloseTo(1 / Math.sqrt(1 * 3), 10);
  });

  it('never lists a thread as its own neighbour, and is symmetric in who co-read what', () => {
    const events = [...read('a', ['p', 'q', 'r', 's']), ...read('b', ['q', 's', 'p'])];
    const n = buildNeighbours(events, { window: 1000 });
    for (const [item, list] of n) {
      expect(list.some((e) => e.item === item)).toBe(false);
      for (const e of list) expect(n.get(e.item)!.some((back) => back.item === item)).toBe(true);
    }
  });

  it('pairs only threads within the window of a member\'s reading order', () => {
    const n = buildNeighbours(read('a', ['p', 'q', 'r']), { window: 1 });
    expect(n.get('p')!.map((e) => e.item)).toEqual(['q']);
    expect(n.get('q')!.map((e) => e.item).sort()).toEqual(['p', 'r']);
  });

  it('weighs a reply more than a view, and several touches of one thread once', () => {
    const events: Interaction[] = [
      { user: 'a', item: 'x', ts: 1, kind: 'view' },
      { user: 'a', item: 'y', ts: 2, kind: 'reply' },
      { user: 'a', item: 'z', ts: 3, kind: 'view' },
      { user: 'b', item: 'x', ts: 1, kind: 'reply' },
      { user: 'b', item: 'y', ts: 2, kind: 'reply' },
      { user: 'b', item: 'z', ts: 3, kind: 'view' },
      { user: 'b', item: 'z', ts: 4, kind: 'view' },
    ];
    const n = buildNeighbours(events, { userDamping: 'none', alpha: 0, rowExponent: 0 });
    // Raw co-read weights: y with x min(1,3) + min(3,3) = 4, z with x min(1,1) + min(3,2) = 3.
    expect(n.get('x')).toEqual([
      { item: 'y', score: 4 },
      { item: 'z', score: 3 },
    ]);
  });

  it('keeps the top k, and a larger alpha favours rarer neighbours', () => {
    const events = [
      ...read('a', ['x', 'pop']),
      ...read('b', ['x', 'pop']),
      ...read('c', ['x', 'rare']),
      ...read('d', ['pop', 'w']),
      ...read('e', ['pop', 'v']),
      ...read('f', ['pop', 'u']),
    ];
    // Raw counts: pop (2 co-reads) before rare (1); divided by the neighbour's readers
    // (pop 5, rare 1), rare comes first.
    const raw = buildNeighbours(events, { userDamping: 'none', alpha: 0, rowExponent: 0 });
    expect(raw.get('x')!.map((e) => e.item)).toEqual(['pop', 'rare']);
    const strict = buildNeighbours(events, { userDamping: 'none', alpha: 1, rowExponent: 0 });
    expect(strict.get('x')!.map((e) => e.item)).toEqual(['rare', 'pop']);
    expect(buildNeighbours(events, { k: 1 }).get('pop')!.length).toBe(1);
  });

  it('gives the same result whatever the order of the input', () => {
    const events = [...read('a', ['p', 'q', 'r', 's']), ...read('b', ['q', 's', 'p', 't']), ...read('c', ['t', 'r'])];
    const one = buildNeighbours(events);
    const two = buildNeighbours([...events].reverse());
    expect([...two.entries()].sort()).toEqual([...one.entries()].sort());
  });

  it('fades pairs read far apart in time when asked to', () => {
    const day = 86_400_000;
    const events: Interaction[] = [
      { user: 'a', item: 'x', ts: 0 },
      { user: 'a', item: 'near', ts: 1000 },
      { user: 'b', item: 'x', ts: 0 },
      { user: 'b', item: 'far', ts: 30 * day },
    ];
    const n = buildNeighbours(events, { pairHalfLifeMs: day, userDamping: 'none' });
    const [first, second] = n.get('x')!;
    expect(first!.item).toBe('near');
    expect(second!.score).toBeLessThan(first!.score / 1000);
  });
});
