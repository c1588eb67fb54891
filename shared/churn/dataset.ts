import { DAY_MS } from '../metrics/periods';
import { type RawFeatures, rawFeatures, transformFeatures } from './features';
import { countBelow, type MemberHistory } from './history';

/**
 * Snapshots: "at cutoff t, member m looked like this; did they go quiet?"
 *
 * Population at t: members with own activity in the `activeWindowDays` before t (default
 * 60, the `lapsed` threshold of metrics/levels.ts: members already lapsed are not asked
 * about). Label: 1 (churned) when the member has no own activity in [t, t + horizonDays),
 * default 30 days; 0 otherwise. A snapshot whose horizon runs past `knownUntil` (the
 * latest time the data covers) has label null: it cannot be trained or scored on.
 */
export interface SnapshotOptions {
  horizonDays?: number;
  activeWindowDays?: number;
}

export interface Snapshot {
  memberId: string;
  at: number;
  raw: RawFeatures;
  x: number[];
  label: 0 | 1 | null;
}

export const DEFAULT_HORIZON_DAYS = 30;
export const DEFAULT_ACTIVE_WINDOW_DAYS = 60;

export function snapshotsAt(
  histories: Iterable<MemberHistory>,
  at: number,
  knownUntil: number,
  options: SnapshotOptions = {},
): Snapshot[] {
  const horizon = (options.horizonDays ?? DEFAULT_HORIZON_DAYS) * DAY_MS;
  const window = (options.activeWindowDays ?? DEFAULT_ACTIVE_WINDOW_DAYS) * DAY_MS;
  const out: Snapshot[] = [];
  for (const h of histories) {
    const raw = rawFeatures(h, at);
    if (!raw || raw.daysSinceActive * DAY_MS > window) continue;
    let label: 0 | 1 | null = null;
    if (at + horizon <= knownUntil) label = countBelow(h.ownTs, at + horizon) - countBelow(h.ownTs, at) > 0 ? 0 : 1;
    out.push({ memberId: h.memberId, at, raw, x: transformFeatures(raw), label });
  }
  return out.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/**
 * Cutoffs every `stepDays` going back from `last` (inclusive) and not before `first`,
 * returned oldest first. At most `max` of them (the most recent).
 */
export function cutoffsBack(first: number, last: number, stepDays: number, max = Infinity): number[] {
  const out: number[] = [];
  for (let t = last; t >= first && out.length < max; t -= stepDays * DAY_MS) out.push(t);
  return out.reverse();
}
