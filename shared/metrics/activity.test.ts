import { describe, expect, it } from 'vitest';
import { type ActivityEvent, activeMembers, activeUsers, activityIndexSeries, periodRange } from './activity';
import { DAY_MS, periodIndex } from './periods';

const D = Date.parse('2024-03-31T12:00:00Z');
const day = (n: number) => D + n * DAY_MS;

describe('activeUsers (DAU / WAU / MAU, stickiness)', () => {
  // member: days relative to D (D = 2024-03-31)
  // a: D (a row of 2), D-1, D-10 | b: D-3 | c: D-20 | d: D-30 (outside the month) | e: D+1 (future)
  // | z: D with count 0 (not active)
  const events: ActivityEvent[] = [
    { memberId: 'a', ts: day(0), count: 2 },
    { memberId: 'a', ts: day(-1) },
    { memberId: 'a', ts: day(-10) },
    { memberId: 'b', ts: day(-3) },
    { memberId: 'c', ts: day(-20) },
    { memberId: 'd', ts: day(-30) },
    { memberId: 'e', ts: day(1) },
    { memberId: 'z', ts: day(0), count: 0 },
  ];

  it('matches the hand-computed table', () => {
    // DAU {a} = 1; WAU (D-6..D) {a, b} = 2; MAU (D-29..D) {a, b, c} = 3.
    // Daily distinct counts: D 1, D-1 1, D-3 1, D-10 1, D-20 1 -> 5 / 30 days = 0.1667;
    // stickiness = 0.1667 / 3 = 0.0556.
    const u = activeUsers(events, D);
    expect(u).toMatchObject({ dau: 1, wau: 2, mau: 3 });
    expect(u.averageDau).toBeCloseTo(5 / 30, 10);
    expect(u.stickiness).toBeCloseTo(5 / 90, 10);
  });

  it('is 1 when every monthly member comes every day, and null for an empty month', () => {
    const daily = Array.from({ length: 30 }, (_, i) => [{ memberId: 'a', ts: day(-i) }, { memberId: 'b', ts: day(-i) }]).flat();
    expect(activeUsers(daily, D).stickiness).toBeCloseTo(1, 10);
    expect(activeUsers([], D)).toEqual({ dau: 0, wau: 0, mau: 0, averageDau: 0, stickiness: null });
  });

  it('lists active members in a half-open range', () => {
    expect([...activeMembers(events, day(-3), day(0))].sort()).toEqual(['a', 'b']);
  });
});

describe('activityIndexSeries', () => {
  const t = (iso: string) => Date.parse(iso);
  const members = [
    { memberId: 'a', joinedAt: t('2024-01-15T00:00:00Z') },
    { memberId: 'b', joinedAt: t('2024-02-10T00:00:00Z') },
    { memberId: 'c', joinedAt: t('2024-03-05T00:00:00Z') },
  ];
  const events: ActivityEvent[] = [
    { memberId: 'a', ts: t('2024-01-20T00:00:00Z'), count: 3 },
    { memberId: 'a', ts: t('2024-02-01T00:00:00Z') },
    { memberId: 'b', ts: t('2024-02-11T00:00:00Z') },
    { memberId: 'b', ts: t('2024-02-12T00:00:00Z') },
    { memberId: 'c', ts: t('2024-03-06T00:00:00Z'), count: 4 },
    { memberId: 'x', ts: t('2024-03-07T00:00:00Z') },
  ];

  it('matches the hand-computed monthly table, with null before anyone joined', () => {
    // month | interactions | members | active | index   | per active
    // Dec   | 0            | 0       | 0      | null    | null
    // Jan   | 3            | 1       | 1      | 3       | 3
    // Feb   | 3            | 2       | 2      | 1.5     | 1.5
    // Mar   | 5            | 3       | 2      | 1.6667  | 2.5   (x is not a member but acted)
    const first = periodIndex(t('2023-12-01T00:00:00Z'), 'month');
    const rows = activityIndexSeries(events, members, 'month', first, first + 3);
    expect(rows.map((r) => [r.label, r.interactions, r.members, r.activeMembers, r.index, r.perActiveMember])).toEqual([
      ['2023-12', 0, 0, 0, null, null],
      ['2024-01', 3, 1, 1, 3, 3],
      ['2024-02', 3, 2, 2, 1.5, 1.5],
      ['2024-03', 5, 3, 2, 5 / 3, 2.5],
    ]);
    expect(periodRange(events, 'month')).toEqual([first + 1, first + 3]);
    expect(periodRange([], 'month')).toBeNull();
  });
});
