/**
 * Calendar periods in UTC, as integer indexes, so members and events can be bucketed
 * without dates or time zones leaking into the formulas.
 *
 * | unit  | index of instant `ts` (epoch ms)                       | period starts      |
 * |-------|--------------------------------------------------------|--------------------|
 * | day   | floor(ts / 86 400 000)                                 | 00:00 UTC          |
 * | week  | floor((day + 3) / 7)  (1970-01-01 was a Thursday)      | Monday 00:00 UTC   |
 * | month | 12 * year + (month - 1)                                | the 1st, 00:00 UTC |
 *
 * Every function takes and returns epoch milliseconds (what D1 stores).
 */
export type PeriodUnit = 'day' | 'week' | 'month';

export const DAY_MS = 86_400_000;

export function dayIndex(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

export function periodIndex(ts: number, unit: PeriodUnit): number {
  if (unit === 'day') return dayIndex(ts);
  if (unit === 'week') return Math.floor((dayIndex(ts) + 3) / 7);
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** First instant (epoch ms) of the period with this index. */
export function periodStart(index: number, unit: PeriodUnit): number {
  if (unit === 'day') return index * DAY_MS;
  if (unit === 'week') return (index * 7 - 3) * DAY_MS;
  const year = Math.floor(index / 12);
  return Date.UTC(year, index - year * 12, 1);
}

/** First instant after the period (exclusive end). */
export function periodEnd(index: number, unit: PeriodUnit): number {
  return periodStart(index + 1, unit);
}

/** A short label: `2021-05-03` (day, week: its Monday) or `2021-05` (month). */
export function periodLabel(index: number, unit: PeriodUnit): string {
  const iso = new Date(periodStart(index, unit)).toISOString();
  return unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}
