import { describe, expect, it } from 'vitest';
import { engagementScore } from '../engagement';
import { communityEngagement, type EngagementEvent, engagementTrend } from './engagement';
import { DAY_MS } from './periods';

const AT = Date.parse('2024-06-30T00:00:00Z');
const ev = (memberId: string, kind: EngagementEvent['kind'], ageDays: number, amount?: number): EngagementEvent => ({
  memberId,
  kind,
  ts: AT - ageDays * DAY_MS,
  ...(amount === undefined ? {} : { amount }),
});

describe('communityEngagement (small community: fallback references)', () => {
  // m1: 3 replies now, 2 replies 30 days ago (half weight each), 1 topic now.
  // m2: a rollup row of 3 views now. Nobody has reading, likes or accepted answers: those
  // components are not measured and their weight goes to the others:
  //   views 0.10, replies 0.20, topics 0.15 -> total 0.45 -> 0.2222, 0.4444, 0.3333
  // Fewer than 5 members have any of each, so the fallback references apply (15, 5, 100).
  // m1: replies v = 3 + 2 * 0.5 = 4 -> ln 5 / ln 16 = 0.580482 -> 25.799 points
  //     topics  v = 1 -> ln 2 / ln 6 = 0.386853 -> 12.895 points; score round(38.694) = 39
  // m2: views v = 3 -> ln 4 / ln 101 = 0.300381 -> 6.675 points; score 7
  // 30 days earlier only m1's 2 old replies existed: replies alone weigh 1,
  //   ln 3 / ln 16 = 0.396241 -> 40; trend 39 - 40 = -1 -> flat. m2 had nothing -> new.
  const events = [ev('m1', 'reply', 0), ev('m1', 'reply', 0), ev('m1', 'reply', 0), ev('m1', 'reply', 30), ev('m1', 'reply', 30), ev('m1', 'topic', 0), ev('m2', 'view', 0, 3)];
  const result = communityEngagement(events, { at: AT });

  it('matches the hand-computed scores and points', () => {
    const m1 = result.get('m1')!;
    expect(m1.score).toBe(39);
    const replies = m1.components.find((c) => c.key === 'replies')!;
    expect(replies).toMatchObject({ value: 4, count: 5, reference: 15, measured: true });
    expect(replies.weight).toBeCloseTo(0.2 / 0.45, 12);
    expect(replies.normalised).toBeCloseTo(0.580482, 6);
    expect(replies.points).toBeCloseTo(25.799, 3);
    expect(m1.components.find((c) => c.key === 'topics')!.points).toBeCloseTo(12.895, 3);
    expect(m1.components.find((c) => c.key === 'likesReceived')).toMatchObject({ measured: false, weight: 0, points: 0 });
    expect(result.get('m2')!.score).toBe(7);
  });

  it('explains itself: points add up to the score, keyed like the seed badge expects', () => {
    for (const m of result.values()) {
      expect(Math.round(m.components.reduce((s, c) => s + c.points, 0))).toBe(m.score);
      for (const c of m.components) expect(Object.keys(c)).toEqual(expect.arrayContaining(Object.keys(engagementScore({ posts: 0, likesReceived: 0, repliesReceived: 0, daysActive: 0 }).components[0]!)));
    }
  });

  it('gives a trend against the previous period', () => {
    expect(result.get('m1')!.trend).toEqual({ previousScore: 40, delta: -1, direction: 'flat' });
    expect(result.get('m2')!.trend.direction).toBe('new');
    expect(engagementTrend(50, 40).direction).toBe('up');
    expect(engagementTrend(30, 40).direction).toBe('down');
  });
});

describe('communityEngagement (normalised against the community)', () => {
  // Six members received 1, 2, 3, 4, 5, 20 likes today: the 90th percentile of the
  // non-zero values is h = 5 * 0.9 = 4.5 -> 5 + 0.5 * 15 = 12.5. Only likes are measured:
  //   5 likes: ln 6 / ln 13.5 = 0.688426 -> 69;  1 like: ln 2 / ln 13.5 = 0.266321 -> 27;
  //   20 likes: above the reference -> 100.
  const likes = [1, 2, 3, 4, 5, 20];
  const result = communityEngagement(
    likes.map((n, i) => ev(`u${i}`, 'like_received', 0, n)),
    { at: AT },
  );

  it('matches the hand-computed scores', () => {
    expect(result.get('u0')!.score).toBe(27);
    expect(result.get('u4')!.score).toBe(69);
    expect(result.get('u5')!.score).toBe(100);
    expect(result.get('u4')!.components.find((c) => c.key === 'likesReceived')!.reference).toBeCloseTo(12.5, 12);
  });

  it('scores the same member differently in a more active community', () => {
    const busier = communityEngagement(
      likes.map((n, i) => ev(`u${i}`, 'like_received', 0, n * 10)).concat(ev('me', 'like_received', 0, 5)),
      { at: AT },
    );
    expect(busier.get('me')!.score).toBeLessThan(result.get('u4')!.score);
  });

  it('ignores events in the future and outside the window, and is empty for an empty community', () => {
    const r = communityEngagement([ev('x', 'reply', -1), ev('y', 'reply', 400)], { at: AT });
    expect(r.size).toBe(0);
    expect(communityEngagement([], { at: AT }).size).toBe(0);
  });

  it('gives the level from recency and score', () => {
    // Received likes are not the member's own activity: their last activity is unknown,
    // and with no join date they are judged on score alone.
    expect(result.get('u5')!.lastActiveAt).toBeNull();
    // A rollup row of 20 replies 2 days ago: 20 * 2^(-2/30) = 19.1 > the fallback 15 -> 100;
    // first event 45 days ago (tenure >= 30), last 2 days ago -> core
    const active = communityEngagement([ev('a', 'reply', 2, 20), ev('a', 'reply', 45)], { at: AT });
    expect(active.get('a')!.score).toBe(100);
    expect(active.get('a')!.level).toBe('core');
    const quiet = communityEngagement([ev('a', 'reply', 25, 20), ev('a', 'reply', 45)], { at: AT });
    expect(quiet.get('a')!.level).toBe('at_risk');
  });
});
