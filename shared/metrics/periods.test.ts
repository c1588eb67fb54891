import { describe, expect, it } from 'vitest';
import { dayIndex, periodEnd, periodIndex, periodLabel, periodStart } from './periods';

const t = (iso: string) => Date.parse(iso);

describe('periods', () => {
  it('puts a Sunday in the week that starts on the Monday before it', () => {
    // 2021-05-03 was a Monday, 2021-05-09 a Sunday, 2021-05-10 the next Monday.
    const monday = periodIndex(t('2021-05-03T00:00:00Z'), 'week');
    expect(periodIndex(t('2021-05-09T23:59:59Z'), 'week')).toBe(monday);
    expect(periodIndex(t('2021-05-10T00:00:00Z'), 'week')).toBe(monday + 1);
    expect(periodLabel(monday, 'week')).toBe('2021-05-03');
    expect(periodStart(periodIndex(t('1970-01-01T12:00:00Z'), 'week'), 'week')).toBe(t('1969-12-29T00:00:00Z'));
  });

  it('indexes months as 12 * year + month and finds their bounds', () => {
    const may = periodIndex(t('2021-05-31T23:00:00Z'), 'month');
    expect(may).toBe(2021 * 12 + 4);
    expect(periodStart(may, 'month')).toBe(t('2021-05-01T00:00:00Z'));
    expect(periodEnd(may, 'month')).toBe(t('2021-06-01T00:00:00Z'));
    expect(periodLabel(2021 * 12 + 11, 'month')).toBe('2021-12');
    expect(periodStart(2022 * 12, 'month')).toBe(t('2022-01-01T00:00:00Z'));
  });

  it('counts days from the epoch in UTC, before 1970 too', () => {
    expect(dayIndex(t('1970-01-02T00:00:00Z'))).toBe(1);
    expect(dayIndex(t('1969-12-31T23:59:59Z'))).toBe(-1);
    expect(periodLabel(dayIndex(t('2024-02-29T13:00:00Z')), 'day')).toBe('2024-02-29');
  });
});
