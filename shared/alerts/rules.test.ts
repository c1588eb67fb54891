import { describe, expect, it } from 'vitest';
import { coreMemberDrops, heatBaseline, heatedThreads, newAccountBurst, pileOns, type Reply } from './rules';

const MIN = 60_000;
const now = Date.UTC(2026, 10, 25, 12);

describe('heated threads', () => {
  // A calm community: 40 threads with 1 in 20 posts negative; one thread suddenly 8 of 10.
  const history = Array.from({ length: 40 }, (_, i) => ({ thread: `t${i}`, posts: 20, heated: i % 4 === 0 ? 2 : 1 }));
  it('computes the baseline from past threads', () => {
    const b = heatBaseline(history);
    expect(b.threads).toBe(40);
    expect(b.mean).toBeCloseTo((10 * 0.1 + 30 * 0.05) / 40, 10);
    expect(b.sd).toBeGreaterThanOrEqual(0.05);
  });
  it('flags the spike and nothing else', () => {
    const recent = [
      { thread: 'calm', posts: 12, heated: 1 },
      { thread: 'fire', posts: 10, heated: 8 },
      { thread: 'tiny', posts: 3, heated: 3 },
    ];
    const hot = heatedThreads(recent, heatBaseline(history));
    expect(hot.map((t) => t.thread)).toEqual(['fire']);
    expect(hot[0]!.share).toBe(0.8);
    expect(hot[0]!.z).toBeGreaterThan(10);
  });
  it('a community with no history still needs a real share', () => {
    expect(heatedThreads([{ thread: 'x', posts: 10, heated: 2 }], heatBaseline([]))).toEqual([]);
    expect(heatedThreads([{ thread: 'x', posts: 10, heated: 4 }], heatBaseline([])).map((t) => t.thread)).toEqual(['x']);
  });
});

describe('pile-ons', () => {
  const replies = (target: string, authors: string[], start: number, stepMin: number): Reply[] =>
    authors.map((author, i) => ({ target, author, ts: start + i * stepMin * MIN, thread: 't1' }));
  it('flags many replies from many people to one member within the hour', () => {
    const burst = replies('ana', ['b', 'c', 'd', 'e', 'b', 'f'], now - 50 * MIN, 8);
    const normal = replies('ben', ['a', 'c', 'd', 'e', 'f', 'g'], now - 6 * 60 * MIN, 60);
    const found = pileOns([...burst, ...normal], now);
    expect(found).toEqual([{ target: 'ana', replies: 6, authors: 5, threads: ['t1'] }]);
  });
  it('does not flag one person replying many times, or self-replies', () => {
    expect(pileOns(replies('ana', ['b', 'b', 'b', 'b', 'b', 'c'], now - 30 * MIN, 5), now)).toEqual([]);
    expect(pileOns(replies('ana', ['ana', 'ana', 'b', 'c', 'd', 'e'], now - 30 * MIN, 5), now)).toEqual([]);
  });
});

describe('new-account bursts', () => {
  it('flags a spam wave and ignores established members', () => {
    const wave = Array.from({ length: 9 }, (_, i) => ({ author: `spam${i % 4}`, authorFirstSeen: now - 2 * 3_600_000, ts: now - i * 5 * MIN }));
    const regulars = Array.from({ length: 20 }, (_, i) => ({ author: `m${i}`, authorFirstSeen: now - 90 * 86_400_000, ts: now - i * MIN }));
    expect(newAccountBurst([...wave, ...regulars], now)).toEqual({ posts: 9, accounts: 4 });
    expect(newAccountBurst(regulars, now)).toBeNull();
  });
});

describe('core member drops', () => {
  it('flags a core member whose activity collapsed, not a regular or a steady one', () => {
    const found = coreMemberDrops([
      { memberId: 'a', level: 'core', recentPerDay: 0.5, baselinePerDay: 5 },
      { memberId: 'b', level: 'core', recentPerDay: 4, baselinePerDay: 5 },
      { memberId: 'c', level: 'regular', recentPerDay: 0, baselinePerDay: 5 },
      { memberId: 'd', level: 'core', recentPerDay: 0, baselinePerDay: 0.2 },
    ]);
    expect(found.map((m) => [m.memberId, m.ratio])).toEqual([['a', 0.1]]);
  });
});
