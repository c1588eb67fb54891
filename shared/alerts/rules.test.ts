import { describe, expect, it } from 'vitest';
import { coreMemberDrops, heatBaselines, heatedThreads, newAccountBurst, pileOns, type Reply } from './rules';

const MIN = 60_000;
const now = Date.UTC(2026, 10, 25, 12);

describe('heated threads', () => {
  // A calm community: 40 threads with 1 in 20 posts negative (1 in 10 for every fourth), hardly any toxic.
  const history = Array.from({ length: 40 }, (_, i) => ({ thread: `t${i}`, posts: 20, negative: i % 4 === 0 ? 2 : 1, toxic: i % 10 === 0 ? 1 : 0 }));
  it('computes a baseline per measure from past threads', () => {
    const b = heatBaselines(history);
    expect(b.negative.threads).toBe(40);
    expect(b.negative.mean).toBeCloseTo((10 * 0.1 + 30 * 0.05) / 40, 10);
    expect(b.negative.sd).toBeGreaterThanOrEqual(0.05);
    expect(b.toxic.mean).toBeCloseTo((4 * 0.05) / 40, 10);
  });
  it('flags the spike and nothing else', () => {
    const recent = [
      { thread: 'calm', posts: 12, negative: 1, toxic: 0 },
      { thread: 'fire', posts: 10, negative: 8, toxic: 1 },
      { thread: 'tiny', posts: 3, negative: 3, toxic: 3 },
    ];
    const hot = heatedThreads(recent, heatBaselines(history));
    expect(hot.map((t) => [t.thread, t.measure])).toEqual([['fire', 'negative']]);
    expect(hot[0]!.share).toBe(0.8);
    expect(hot[0]!.z).toBeGreaterThan(10);
  });
  it('judges toxicity against its own baseline: a negative-minded community still hears of a toxic thread', () => {
    // Every thread is 40–50% negative (a critique forum), never toxic.
    const critics = Array.from({ length: 30 }, (_, i) => ({ thread: `c${i}`, posts: 20, negative: 8 + (i % 3), toxic: 0 }));
    const recent = [
      { thread: 'usual', posts: 10, negative: 5, toxic: 0 },
      { thread: 'abuse', posts: 10, negative: 5, toxic: 4 },
    ];
    const hot = heatedThreads(recent, heatBaselines(critics));
    expect(hot.map((t) => [t.thread, t.measure, t.share])).toEqual([['abuse', 'toxic', 0.4]]);
    expect(hot[0]!.baseline).toBe(0);
  });
  it('a community with no history still needs a real share', () => {
    expect(heatedThreads([{ thread: 'x', posts: 10, negative: 2, toxic: 0 }], heatBaselines([]))).toEqual([]);
    expect(heatedThreads([{ thread: 'x', posts: 10, negative: 4, toxic: 0 }], heatBaselines([])).map((t) => t.thread)).toEqual(['x']);
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
