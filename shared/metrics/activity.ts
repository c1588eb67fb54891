import { dayIndex, type PeriodUnit, periodEnd, periodIndex, periodLabel } from './periods';

/**
 * One interaction of a member (a view, a like, a reply, ...), or a rollup row standing
 * for `count` interactions of that member at `ts` (a daily rollup puts the day's start
 * there). Rows with `count` 0 do not make a member active.
 */
export interface ActivityEvent {
  memberId: string;
  /** Epoch ms. */
  ts: number;
  /** Interactions this row stands for; 1 when absent. */
  count?: number;
}

/** A member and when they joined (first seen, or the forum's registration date). */
export interface MemberJoin {
  memberId: string;
  /** Epoch ms. */
  joinedAt: number;
}

function weight(e: ActivityEvent): number {
  const c = e.count ?? 1;
  return Number.isFinite(c) && c > 0 ? c : 0;
}

/** Members with at least one interaction in [from, to). */
export function activeMembers(events: Iterable<ActivityEvent>, from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.ts >= from && e.ts < to && weight(e) > 0) out.add(e.memberId);
  return out;
}

export interface ActiveUsers {
  /** Distinct members active on the UTC day containing `at`. */
  dau: number;
  /** Distinct members active on that day or the 6 before it. */
  wau: number;
  /** Distinct members active on that day or the 29 before it. */
  mau: number;
  /** Mean of the daily distinct counts over those 30 days (days without anyone count as 0). */
  averageDau: number;
  /** averageDau / mau; null when nobody was active in the 30 days. */
  stickiness: number | null;
}

/**
 * DAU, WAU, MAU and stickiness for the UTC day D containing `at`:
 *
 *     DAU = |active(D)|        WAU = |∪ active(D-6..D)|        MAU = |∪ active(D-29..D)|
 *     stickiness = mean(|active(d)| for d in D-29..D) / MAU
 *
 * Stickiness uses the month's average DAU rather than the single day's, so one quiet
 * Sunday does not halve it; it is 1 when every monthly member comes every day and
 * 1/30 when each comes on one day only. Empty month: all counts 0, stickiness null.
 */
export function activeUsers(events: Iterable<ActivityEvent>, at: number): ActiveUsers {
  const day = dayIndex(at);
  const perDay = new Map<number, Set<string>>();
  for (const e of events) {
    if (weight(e) <= 0) continue;
    const d = dayIndex(e.ts);
    if (d > day || d <= day - 30) continue;
    let s = perDay.get(d);
    if (!s) perDay.set(d, (s = new Set()));
    s.add(e.memberId);
  }
  const week = new Set<string>();
  const month = new Set<string>();
  let dailySum = 0;
  for (const [d, members] of perDay) {
    dailySum += members.size;
    for (const m of members) {
      month.add(m);
      if (d > day - 7) week.add(m);
    }
  }
  const mau = month.size;
  const averageDau = dailySum / 30;
  return {
    dau: perDay.get(day)?.size ?? 0,
    wau: week.size,
    mau,
    averageDau,
    stickiness: mau === 0 ? null : averageDau / mau,
  };
}

export interface ActivityIndexRow {
  period: number;
  label: string;
  /** Sum of interactions in the period. */
  interactions: number;
  /** Members who had joined before the period ended. */
  members: number;
  /** Members with an interaction in the period. */
  activeMembers: number;
  /** interactions / members; null when the community had no members yet. */
  index: number | null;
  /** interactions / activeMembers; null when nobody was active. */
  perActiveMember: number | null;
}

/**
 * Activity index per period p (day, week or month) from `first` to `last` inclusive:
 *
 *     index(p) = interactions(p) / |{m : joinedAt(m) < end(p)}|
 *
 * i.e. interactions per member of the community as it stood at the end of the period,
 * quiet members included (so the index falls when many join and few act). A period
 * before anyone joined has index null (not 0: there is nobody to average over).
 * `perActiveMember` divides by the members who acted instead (intensity among the active).
 * Events of members missing from `members` still count as interactions and as active.
 */
export function activityIndexSeries(
  events: Iterable<ActivityEvent>,
  members: readonly MemberJoin[],
  unit: PeriodUnit,
  first: number,
  last: number,
): ActivityIndexRow[] {
  const n = Math.max(0, last - first + 1);
  const interactions = new Array<number>(n).fill(0);
  const active = Array.from({ length: n }, () => new Set<string>());
  for (const e of events) {
    const w = weight(e);
    if (w <= 0) continue;
    const i = periodIndex(e.ts, unit) - first;
    if (i < 0 || i >= n) continue;
    interactions[i]! += w;
    active[i]!.add(e.memberId);
  }
  const joins = members.map((m) => m.joinedAt).sort((a, b) => a - b);
  const rows: ActivityIndexRow[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const p = first + i;
    const end = periodEnd(p, unit);
    while (j < joins.length && joins[j]! < end) j++;
    const act = active[i]!.size;
    rows.push({
      period: p,
      label: periodLabel(p, unit),
      interactions: interactions[i]!,
      members: j,
      activeMembers: act,
      index: j === 0 ? null : interactions[i]! / j,
      perActiveMember: act === 0 ? null : interactions[i]! / act,
    });
  }
  return rows;
}

/** The periods spanned by the events: [first, last] indexes, or null when there are none. */
export function periodRange(events: Iterable<ActivityEvent>, unit: PeriodUnit): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    lo = Math.min(lo, e.ts);
    hi = Math.max(hi, e.ts);
  }
  return lo === Infinity ? null : [periodIndex(lo, unit), periodIndex(hi, unit)];
}
