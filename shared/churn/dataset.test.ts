import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../metrics/periods';
import { cutoffsBack, snapshotsAt } from './dataset';
import { indexHistories } from './history';

const T = Date.parse('2024-06-01T00:00:00Z');
const d = (days: number) => T + days * DAY_MS;

describe('snapshotsAt', () => {
  // a: active 10 days before T and 5 days after (stays)
  // b: active 20 days before T, never again (churns)
  // c: active 70 days before T (already lapsed: not in the population)
  // e: only received a like (never active: not in the population)
  // f: active 40 days after T only (not yet a member at T)
  const histories = [
    ...indexHistories([
      { memberId: 'a', ts: d(-10), kind: 'reply' },
      { memberId: 'a', ts: d(5), kind: 'view' },
      { memberId: 'b', ts: d(-20), kind: 'topic' },
      { memberId: 'c', ts: d(-70), kind: 'comment' },
      { memberId: 'e', ts: d(-3), kind: 'like_received' },
      { memberId: 'f', ts: d(40), kind: 'reply' },
    ]).values(),
  ];

  it('labels members active in the window by the next 30 days', () => {
    const rows = snapshotsAt(histories, T, d(60));
    expect(rows.map((r) => [r.memberId, r.label])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(rows[0]!.x).toHaveLength(Object.keys(rows[0]!.raw).length);
  });

  it('leaves the label unknown when the horizon is not over', () => {
    expect(snapshotsAt(histories, T, d(29)).map((r) => r.label)).toEqual([null, null]);
  });

  it('widens the population with the window', () => {
    expect(snapshotsAt(histories, T, d(60), { activeWindowDays: 90 }).map((r) => r.memberId)).toEqual(['a', 'b', 'c']);
  });
});

describe('cutoffsBack', () => {
  it('steps back from the last cutoff and returns them oldest first', () => {
    expect(cutoffsBack(d(-15), d(0), 7)).toEqual([d(-14), d(-7), d(0)]);
    expect(cutoffsBack(d(-15), d(0), 7, 2)).toEqual([d(-7), d(0)]);
    expect(cutoffsBack(d(1), d(0), 7)).toEqual([]);
  });
});
