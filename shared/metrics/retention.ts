import type { ActivityEvent, MemberJoin } from './activity';
import { type PeriodUnit, periodIndex, periodLabel } from './periods';

function activeByPeriod(events: Iterable<ActivityEvent>, unit: PeriodUnit): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const e of events) {
    if ((e.count ?? 1) <= 0) continue;
    const p = periodIndex(e.ts, unit);
    let s = out.get(p);
    if (!s) out.set(p, (s = new Set()));
    s.add(e.memberId);
  }
  return out;
}

export interface PeriodRetentionRow {
  period: number;
  label: string;
  /** Members active in the previous period. */
  previous: number;
  /** Of those, members active again in this period. */
  retained: number;
  /** retained / previous; null when nobody was active in the previous period. */
  rate: number | null;
}

/**
 * Period-over-period retention for each period p from `first` to `last`:
 *
 *     rate(p) = |active(p-1) ∩ active(p)| / |active(p-1)|
 *
 * "Of the members who were active last week (month), how many came back this one?"
 * Members who are new in p do not raise it (they are not in active(p-1)). Empty previous
 * period: rate null, not 0 or 1. The current, unfinished period understates the rate.
 */
export function periodRetention(
  events: Iterable<ActivityEvent>,
  unit: PeriodUnit,
  first: number,
  last: number,
): PeriodRetentionRow[] {
  const active = activeByPeriod(events, unit);
  const rows: PeriodRetentionRow[] = [];
  for (let p = first; p <= last; p++) {
    const prev = active.get(p - 1) ?? new Set<string>();
    const cur = active.get(p) ?? new Set<string>();
    let retained = 0;
    for (const m of prev) if (cur.has(m)) retained++;
    rows.push({ period: p, label: periodLabel(p, unit), previous: prev.size, retained, rate: prev.size === 0 ? null : retained / prev.size });
  }
  return rows;
}

export interface CohortRow {
  /** Period index of the cohort (when its members joined). */
  cohort: number;
  label: string;
  /** Members who joined in that period. */
  size: number;
  /** retained[n]: cohort members active in period cohort + n; null where not yet observable. */
  retained: (number | null)[];
  /** rates[n] = retained[n] / size; null where not yet observable. */
  rates: (number | null)[];
}

export interface CohortTable {
  unit: PeriodUnit;
  /** Offsets 0..maxOffset: the columns. */
  offsets: number[];
  rows: CohortRow[];
}

/**
 * Cohort retention table. Cohort k is the members whose `joinedAt` falls in period k;
 * column n is the share of them with at least one interaction in period k + n:
 *
 *     rate(k, n) = |{m ∈ cohort(k) : m active in period k + n}| / |cohort(k)|
 *
 * Column 0 is the share active in the period they joined (joining alone is not activity,
 * so it can be below 1). Cells after the period containing `asOf` are null (the future is
 * not 0%); the period containing `asOf` is counted as seen so far. Periods in which nobody
 * joined have no row. Joins after `asOf` are ignored. Members missing from `members` but
 * present in events are not in any cohort (use `firstSeen` to derive joins from events).
 */
export function cohortRetention(
  members: readonly MemberJoin[],
  events: Iterable<ActivityEvent>,
  unit: PeriodUnit,
  options: { asOf: number; maxOffset: number },
): CohortTable {
  const now = periodIndex(options.asOf, unit);
  const active = activeByPeriod(events, unit);
  const cohorts = new Map<number, string[]>();
  for (const m of members) {
    if (m.joinedAt > options.asOf) continue;
    const k = periodIndex(m.joinedAt, unit);
    let list = cohorts.get(k);
    if (!list) cohorts.set(k, (list = []));
    list.push(m.memberId);
  }
  const offsets = Array.from({ length: options.maxOffset + 1 }, (_, n) => n);
  const rows = [...cohorts.keys()]
    .sort((a, b) => a - b)
    .map((k): CohortRow => {
      const ids = cohorts.get(k)!;
      const retained = offsets.map((n) => {
        if (k + n > now) return null;
        const act = active.get(k + n);
        return act ? ids.filter((id) => act.has(id)).length : 0;
      });
      return { cohort: k, label: periodLabel(k, unit), size: ids.length, retained, rates: retained.map((r) => (r === null ? null : r / ids.length)) };
    });
  return { unit, offsets, rows };
}

/** Joins derived from events: each member's first interaction. */
export function firstSeen(events: Iterable<ActivityEvent>): MemberJoin[] {
  const first = new Map<string, number>();
  for (const e of events) {
    const t = first.get(e.memberId);
    if (t === undefined || e.ts < t) first.set(e.memberId, e.ts);
  }
  return [...first].map(([memberId, joinedAt]) => ({ memberId, joinedAt }));
}
