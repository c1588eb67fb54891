import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../metrics/periods';
import { rawFeatures, transformFeatures } from './features';
import { type ChurnEvent, indexHistories } from './history';

const T = Date.parse('2024-06-01T00:00:00Z');
const at = (days: number, hours = 12) => T - days * DAY_MS + hours * 3_600_000 - 12 * 3_600_000;
const e = (kind: ChurnEvent['kind'], daysAgo: number, extra: Partial<ChurnEvent> = {}): ChurnEvent => ({ memberId: 'm', ts: at(daysAgo), kind, ...extra });

describe('rawFeatures', () => {
  // Member m, days before the cutoff T (each at noon):
  //   own: topic 100, reply 50, reply 50 (same day), comment 20, view x5 10, reading 3 min 10
  //   received: reply 45 (sentiment -0.5), like x2 15, reply 5 (sentiment 0.25), reply 8 (no sentiment)
  //   after T: reply at T + 1 day (must not count)
  const events: ChurnEvent[] = [
    e('topic', 100),
    e('reply', 50),
    e('reply', 50),
    e('comment', 20),
    e('view', 10, { amount: 5 }),
    e('reading', 10, { amount: 180_000 }),
    e('reply_received', 45, { sentiment: -0.5 }),
    e('like_received', 15, { amount: 2 }),
    e('reply_received', 5, { sentiment: 0.25 }),
    e('reply_received', 8),
    { memberId: 'm', ts: T + DAY_MS, kind: 'reply' },
  ];
  const h = indexHistories(events).get('m')!;
  const f = rawFeatures(h, T)!;

  it('matches the hand-computed values', () => {
    expect(f.daysSinceActive).toBeCloseTo(10, 10); // the view and reading 10 days ago
    expect(f.activeDays30).toBe(2); // days 20 and 10
    expect(f.activeDays90).toBe(3); // 50, 20, 10
    expect(f.activeDaysTotal).toBe(4); // 100, 50, 20, 10
    expect(f.tenureDays).toBeCloseTo(100, 10);
    // typical gap = (span 90 days + prior 30) / 4 active days = 30; overdue = 11 / 31
    expect(f.overdue).toBeCloseTo(11 / 31, 10);
    // events in the last 30 days: comment, 5 views, 1 reading = 7; in the 30 before: the
    // two replies 50 days ago = 2 -> (7 - 2) / (7 + 2 + 1)
    expect(f.frequencyTrend).toBeCloseTo(0.5, 10);
    expect(f.authored30).toBe(1);
    expect(f.topicShare).toBeCloseTo(1 / 4, 10);
    expect(f.views30).toBe(5);
    expect(f.readingMinutes30).toBeCloseTo(3, 10);
    expect(f.repliesReceived30).toBe(2);
    expect(f.likesReceived30).toBe(2);
    expect(f.acceptedReceived90).toBe(0);
    expect(f.daysSinceReceived).toBeCloseTo(5, 10);
    // sentiment known for the replies 45 and 5 days ago: (-0.5 + 0.25) / 2
    expect(f.replySentiment90).toBeCloseTo(-0.125, 10);
    // latest topic 100 days ago: not awaiting
    expect(f.awaitingReply).toBe(0);
  });

  it('never looks at or after the cutoff', () => {
    const withoutFuture = indexHistories(events.filter((x) => x.ts < T)).get('m')!;
    expect(rawFeatures(withoutFuture, T)).toEqual(f);
    expect(rawFeatures(h, at(100) - 1)).toBeNull();
  });

  it('flags a recent topic nobody has answered, and stops once someone does', () => {
    const hist = indexHistories([e('topic', 3), e('reply_received', 1)]).get('m')!;
    expect(rawFeatures(hist, at(2))!.awaitingReply).toBe(1);
    expect(rawFeatures(hist, T)!.awaitingReply).toBe(0);
  });

  it('transforms counts by ln(1 + x) and ratios by ln(x)', () => {
    const x = transformFeatures(f);
    expect(x[0]).toBeCloseTo(Math.log(11), 10);
    expect(x[5]).toBeCloseTo(Math.log(11 / 31), 10);
  });
});
