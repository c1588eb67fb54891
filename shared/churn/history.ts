import { DAY_MS } from '../metrics/periods';

/**
 * What the churn model knows of a member: their own activity and what they received from
 * others, as timelines indexed for fast look-ups at any cutoff. A daily rollup row is an
 * event with an `amount`.
 *
 * Own activity (makes a member "active"): topic, reply, comment, like_given, view,
 * reading (amount in ms), other (bookmarks, bounties, edits, ...).
 * Received (does not make them active): reply_received (with the reply's sentiment,
 * -1..1, when known), like_received, accepted_received.
 */
export type OwnKind = 'topic' | 'reply' | 'comment' | 'like_given' | 'view' | 'reading' | 'other';
export type ReceivedKind = 'reply_received' | 'like_received' | 'accepted_received';
export type ChurnEventKind = OwnKind | ReceivedKind;

export interface ChurnEvent {
  memberId: string;
  /** Epoch ms. */
  ts: number;
  kind: ChurnEventKind;
  /** 1 when absent; a rollup row's count; milliseconds for `reading`. */
  amount?: number;
  /** reply_received only: sentiment of the reply, -1 (negative) .. 1 (positive), when known. */
  sentiment?: number | null;
}

const OWN = new Set<ChurnEventKind>(['topic', 'reply', 'comment', 'like_given', 'view', 'reading', 'other']);
export function isOwnKind(kind: ChurnEventKind): kind is OwnKind {
  return OWN.has(kind);
}

/** Cumulative sums: sums[c][i] = total of channel c over the first i events. */
type Prefix = Float64Array;

export interface MemberHistory {
  memberId: string;
  /** Own events' times, ascending. */
  ownTs: Float64Array;
  own: { events: Prefix; authored: Prefix; topics: Prefix; views: Prefix; readingMin: Prefix };
  /** newDay prefix: ownDayStarts[i] = distinct UTC days among the first i own events. */
  ownDayStarts: Prefix;
  /** Times of the member's topics, ascending. */
  topicTs: Float64Array;
  receivedTs: Float64Array;
  received: { replies: Prefix; likes: Prefix; accepted: Prefix; sentimentSum: Prefix; sentimentCount: Prefix };
}

function prefix(values: number[]): Prefix {
  const out = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i]! + values[i]!;
  return out;
}

function amountOf(e: ChurnEvent): number {
  const a = e.amount ?? 1;
  return Number.isFinite(a) && a > 0 ? a : 0;
}

/** Groups events by member and indexes them. Events with amount 0 are dropped. */
export function indexHistories(events: Iterable<ChurnEvent>): Map<string, MemberHistory> {
  const own = new Map<string, ChurnEvent[]>();
  const received = new Map<string, ChurnEvent[]>();
  for (const e of events) {
    if (amountOf(e) === 0 || !Number.isFinite(e.ts)) continue;
    const target = isOwnKind(e.kind) ? own : received;
    let list = target.get(e.memberId);
    if (!list) target.set(e.memberId, (list = []));
    list.push(e);
  }
  const out = new Map<string, MemberHistory>();
  for (const memberId of new Set([...own.keys(), ...received.keys()])) {
    const o = (own.get(memberId) ?? []).sort((a, b) => a.ts - b.ts);
    const r = (received.get(memberId) ?? []).sort((a, b) => a.ts - b.ts);
    const newDay = o.map((e, i) => (i === 0 || Math.floor(e.ts / DAY_MS) !== Math.floor(o[i - 1]!.ts / DAY_MS) ? 1 : 0));
    const authoredKinds = new Set<ChurnEventKind>(['topic', 'reply', 'comment']);
    out.set(memberId, {
      memberId,
      ownTs: Float64Array.from(o.map((e) => e.ts)),
      own: {
        events: prefix(o.map((e) => (e.kind === 'reading' ? 1 : amountOf(e)))),
        authored: prefix(o.map((e) => (authoredKinds.has(e.kind) ? amountOf(e) : 0))),
        topics: prefix(o.map((e) => (e.kind === 'topic' ? amountOf(e) : 0))),
        views: prefix(o.map((e) => (e.kind === 'view' ? amountOf(e) : 0))),
        readingMin: prefix(o.map((e) => (e.kind === 'reading' ? amountOf(e) / 60_000 : 0))),
      },
      ownDayStarts: prefix(newDay),
      topicTs: Float64Array.from(o.filter((e) => e.kind === 'topic').map((e) => e.ts)),
      receivedTs: Float64Array.from(r.map((e) => e.ts)),
      received: {
        replies: prefix(r.map((e) => (e.kind === 'reply_received' ? amountOf(e) : 0))),
        likes: prefix(r.map((e) => (e.kind === 'like_received' ? amountOf(e) : 0))),
        accepted: prefix(r.map((e) => (e.kind === 'accepted_received' ? amountOf(e) : 0))),
        sentimentSum: prefix(r.map((e) => (e.kind === 'reply_received' && typeof e.sentiment === 'number' ? e.sentiment : 0))),
        sentimentCount: prefix(r.map((e) => (e.kind === 'reply_received' && typeof e.sentiment === 'number' ? 1 : 0))),
      },
    });
  }
  return out;
}

/** Number of entries < x in an ascending array. */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sum of a channel over the events with from <= ts < to. */
export function windowSum(ts: ArrayLike<number>, sums: Prefix, from: number, to: number): number {
  return sums[countBelow(ts, to)]! - sums[countBelow(ts, from)]!;
}

/** Distinct UTC days among own events with index in [lo, hi). */
export function distinctDays(h: MemberHistory, lo: number, hi: number): number {
  return hi > lo ? h.ownDayStarts[hi]! - h.ownDayStarts[lo + 1]! + 1 : 0;
}
