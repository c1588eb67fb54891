import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from './activity';
import { periodIndex } from './periods';
import { cohortRetention, firstSeen, periodRetention } from './retention';

const t = (iso: string) => Date.parse(iso);

describe('periodRetention', () => {
  // Weeks starting Monday 2024-01-01: W0 {a,b,c,d}, W1 {a,b,e}, W2 {e}, W3 {}, W4 {a}
  const w = (k: number, member: string): ActivityEvent => ({ memberId: member, ts: t('2024-01-01T10:00:00Z') + k * 7 * 86_400_000 });
  const events = [w(0, 'a'), w(0, 'b'), w(0, 'c'), w(0, 'd'), w(1, 'a'), w(1, 'b'), w(1, 'e'), w(2, 'e'), w(4, 'a')];
  const w0 = periodIndex(t('2024-01-01T00:00:00Z'), 'week');

  it('matches the hand-computed weekly rates, null after an empty week', () => {
    // W1: 2 of 4 (a, b) = 0.5; W2: 1 of 3 (e) = 1/3; W3: 0 of 1 = 0; W4: previous week empty -> null
    const rows = periodRetention(events, 'week', w0 + 1, w0 + 4);
    expect(rows.map((r) => [r.previous, r.retained, r.rate])).toEqual([
      [4, 2, 0.5],
      [3, 1, 1 / 3],
      [1, 0, 0],
      [0, 0, null],
    ]);
    expect(rows[0]!.label).toBe('2024-01-08');
  });
});

describe('cohortRetention', () => {
  const members = [
    { memberId: 'a', joinedAt: t('2024-01-03T00:00:00Z') },
    { memberId: 'b', joinedAt: t('2024-01-20T00:00:00Z') },
    { memberId: 'e', joinedAt: t('2024-01-25T00:00:00Z') }, // never active
    { memberId: 'c', joinedAt: t('2024-02-14T00:00:00Z') },
    { memberId: 'd', joinedAt: t('2024-03-02T00:00:00Z') },
    { memberId: 'f', joinedAt: t('2024-04-02T00:00:00Z') }, // after asOf
  ];
  const at = (member: string, iso: string): ActivityEvent => ({ memberId: member, ts: t(iso) });
  const events = [
    at('a', '2024-01-04T00:00:00Z'),
    at('a', '2024-02-04T00:00:00Z'),
    at('a', '2024-03-04T00:00:00Z'),
    at('b', '2024-01-21T00:00:00Z'),
    at('b', '2024-03-10T00:00:00Z'),
    at('c', '2024-03-01T00:00:00Z'),
    at('d', '2024-03-03T00:00:00Z'),
  ];

  it('matches the hand-computed monthly cohort table', () => {
    // cohort | size | +0        | +1        | +2
    // Jan    | 3    | a,b  2/3  | a    1/3  | a,b  2/3
    // Feb    | 1    | -    0    | c    1    | (Apr) null
    // Mar    | 1    | d    1    | null      | null
    const table = cohortRetention(members, events, 'month', { asOf: t('2024-03-20T00:00:00Z'), maxOffset: 2 });
    expect(table.offsets).toEqual([0, 1, 2]);
    expect(table.rows.map((r) => [r.label, r.size, r.retained, r.rates])).toEqual([
      ['2024-01', 3, [2, 1, 2], [2 / 3, 1 / 3, 2 / 3]],
      ['2024-02', 1, [0, 1, null], [0, 1, null]],
      ['2024-03', 1, [1, null, null], [1, null, null]],
    ]);
  });

  it('is empty without members, and firstSeen derives joins from events', () => {
    expect(cohortRetention([], events, 'week', { asOf: t('2024-03-20T00:00:00Z'), maxOffset: 4 }).rows).toEqual([]);
    const joins = firstSeen(events);
    expect(joins.find((j) => j.memberId === 'b')!.joinedAt).toBe(t('2024-01-21T00:00:00Z'));
    expect(joins).toHaveLength(4);
  });
});
