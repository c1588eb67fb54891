import { DAY_MS } from '../metrics/periods';
import { countBelow, distinctDays, type MemberHistory, windowSum } from './history';

/**
 * Behaviour features of a member at cutoff `at`, from their history strictly before `at`
 * (nothing at or after the cutoff leaks in). `raw` is in natural units (shown in reasons);
 * the model sees `transform(raw)`: ln(1 + x) for counts and durations, ln(x) for ratios,
 * x itself for shares and scores.
 *
 * | key                | raw value                                                           |
 * |--------------------|---------------------------------------------------------------------|
 * | daysSinceActive    | days since the last own activity                                    |
 * | activeDays30       | distinct UTC days with own activity in the last 30 x 24 hours       |
 * | activeDays90       | ... in the last 90 days                                             |
 * | activeDaysTotal    | ... ever                                                            |
 * | tenureDays         | days since the first own activity                                   |
 * | overdue            | (1 + daysSinceActive) / (1 + typical gap between active days);      |
 * |                    | typical gap = (last day - first day + 30) / active days: the mean   |
 * |                    | gap with a prior gap of 30 days, so 2 days in a row are not "daily" |
 * | frequencyTrend     | (a - b) / (a + b + 1): a, b = own events in the last 30 days and    |
 * |                    | in the 30 before; -1 (stopping) .. 1 (speeding up)                  |
 * | authored30         | topics, replies and comments written in the last 30 days            |
 * | topicShare         | topics / everything authored, ever (askers vs answerers); 0 if none |
 * | views30            | pages and posts viewed in the last 30 days (extension data)         |
 * | readingMinutes30   | minutes of reading in the last 30 days (extension data)             |
 * | repliesReceived30  | replies from others to them in the last 30 days                     |
 * | likesReceived30    | likes (upvotes) received in the last 30 days                        |
 * | acceptedReceived90 | answers of theirs accepted in the last 90 days                      |
 * | daysSinceReceived  | days since the last reply, like or acceptance received (365 if      |
 * |                    | never): notifications bring members back                            |
 * | replySentiment90   | mean sentiment (-1..1) of replies received in the last 90 days      |
 * |                    | whose sentiment is known; 0 when none                               |
 * | awaitingReply      | 1 when their latest topic is under 30 days old and nobody has       |
 * |                    | replied to them since it was posted, else 0                         |
 *
 * A member with no own activity before `at` has no features (null): the model is only
 * asked about members who have been active.
 */
export const CHURN_FEATURES = [
  { key: 'daysSinceActive', transform: 'log1p' },
  { key: 'activeDays30', transform: 'log1p' },
  { key: 'activeDays90', transform: 'log1p' },
  { key: 'activeDaysTotal', transform: 'log1p' },
  { key: 'tenureDays', transform: 'log1p' },
  { key: 'overdue', transform: 'log' },
  { key: 'frequencyTrend', transform: 'none' },
  { key: 'authored30', transform: 'log1p' },
  { key: 'topicShare', transform: 'none' },
  { key: 'views30', transform: 'log1p' },
  { key: 'readingMinutes30', transform: 'log1p' },
  { key: 'repliesReceived30', transform: 'log1p' },
  { key: 'likesReceived30', transform: 'log1p' },
  { key: 'acceptedReceived90', transform: 'log1p' },
  { key: 'daysSinceReceived', transform: 'log1p' },
  { key: 'replySentiment90', transform: 'none' },
  { key: 'awaitingReply', transform: 'none' },
] as const satisfies ReadonlyArray<{ key: string; transform: 'log1p' | 'log' | 'none' }>;

/** Prior gap (days) mixed into the typical gap, worth one gap: (span + 30) / active days. */
const PRIOR_GAP_DAYS = 30;
/** daysSinceReceived when nothing was ever received. */
const NEVER_DAYS = 365;

export type ChurnFeatureKey = (typeof CHURN_FEATURES)[number]['key'];
export type RawFeatures = Record<ChurnFeatureKey, number>;

export const FEATURE_COUNT = CHURN_FEATURES.length;

export function transformFeatures(raw: RawFeatures): number[] {
  return CHURN_FEATURES.map(({ key, transform }) => {
    const x = raw[key];
    if (transform === 'log1p') return Math.log1p(Math.max(0, x));
    if (transform === 'log') return Math.log(Math.max(1e-9, x));
    return x;
  });
}

export function rawFeatures(h: MemberHistory, at: number): RawFeatures | null {
  const nOwn = countBelow(h.ownTs, at);
  if (nOwn === 0) return null;
  const last = h.ownTs[nOwn - 1]!;
  const first = h.ownTs[0]!;
  const days = (ms: number) => ms / DAY_MS;
  const activeDays = (windowDays: number) => distinctDays(h, countBelow(h.ownTs, at - windowDays * DAY_MS), nOwn);
  const activeDaysTotal = distinctDays(h, 0, nOwn);
  const span = Math.floor(last / DAY_MS) - Math.floor(first / DAY_MS);
  const typicalGap = (span + PRIOR_GAP_DAYS) / activeDaysTotal;
  const nReceived = countBelow(h.receivedTs, at);
  const daysSinceActive = days(at - last);
  const a = windowSum(h.ownTs, h.own.events, at - 30 * DAY_MS, at);
  const b = windowSum(h.ownTs, h.own.events, at - 60 * DAY_MS, at - 30 * DAY_MS);
  const authoredAll = h.own.authored[nOwn]!;
  const rx = (sums: Float64Array, windowDays: number) => windowSum(h.receivedTs, sums, at - windowDays * DAY_MS, at);
  const sentimentCount = rx(h.received.sentimentCount, 90);
  const nTopics = countBelow(h.topicTs, at);
  const lastTopic = nTopics > 0 ? h.topicTs[nTopics - 1]! : null;
  const awaiting =
    lastTopic !== null && at - lastTopic < 30 * DAY_MS && windowSum(h.receivedTs, h.received.replies, lastTopic, at) === 0 ? 1 : 0;
  return {
    daysSinceActive,
    activeDays30: activeDays(30),
    activeDays90: activeDays(90),
    activeDaysTotal,
    tenureDays: days(at - first),
    overdue: (1 + daysSinceActive) / (1 + typicalGap),
    frequencyTrend: (a - b) / (a + b + 1),
    authored30: windowSum(h.ownTs, h.own.authored, at - 30 * DAY_MS, at),
    topicShare: authoredAll > 0 ? h.own.topics[nOwn]! / authoredAll : 0,
    views30: windowSum(h.ownTs, h.own.views, at - 30 * DAY_MS, at),
    readingMinutes30: windowSum(h.ownTs, h.own.readingMin, at - 30 * DAY_MS, at),
    repliesReceived30: rx(h.received.replies, 30),
    likesReceived30: rx(h.received.likes, 30),
    acceptedReceived90: rx(h.received.accepted, 90),
    daysSinceReceived: nReceived > 0 ? Math.min(NEVER_DAYS, days(at - h.receivedTs[nReceived - 1]!)) : NEVER_DAYS,
    replySentiment90: sentimentCount > 0 ? rx(h.received.sentimentSum, 90) / sentimentCount : 0,
    awaitingReply: awaiting,
  };
}
