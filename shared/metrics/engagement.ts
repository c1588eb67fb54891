import { type MemberLevel, memberLevel } from './levels';
import { DAY_MS } from './periods';
import { communityReference, logScale, type Reference } from './scaling';

/**
 * Member engagement score 0-100, relative to the community, recency-weighted, explained.
 *
 * 1. Recency weighting. Each event of member m counts with weight 2^(-age / halfLife),
 *    age = at - ts (half-life 30 days by default; events after `at` or older than
 *    `windowDays`, default 180, are ignored). For component k (table below):
 *
 *        v_k(m) = Σ amount(e) · 2^(-age(e) / halfLife)     over m's events of kind k
 *
 *    `amount` is 1 per event (or a rollup row's count); for `reading` it is milliseconds
 *    and v is in minutes.
 * 2. Normalisation within the community. ref_k = 90th percentile of the non-zero v_k over
 *    the community's members (`communityReference`; with fewer than 5 non-zero members the
 *    fallback below, never under 1):
 *
 *        n_k(m) = min(1, ln(1 + v_k(m)) / ln(1 + ref_k))
 *
 * 3. Weights. A component nobody in the community has (e.g. reading time for a history
 *    imported from a Stack Exchange dump) is "not measured": its weight is 0 and the other
 *    weights are scaled up to sum to 1, so members are not capped at 85 for lack of a
 *    tracker. Score = round(100 · Σ w'_k · n_k(m)); components[k].points = 100 · w'_k · n_k.
 * 4. Trend: the same computation one period earlier (default 30 days, community reference
 *    recomputed then): delta = score - previousScore; "up" when delta >= 5, "down" when
 *    <= -5, else "flat"; previousScore null (trend "new") when the member had nothing then.
 *
 * | key             | event kind       | weight | fallback ref |
 * |-----------------|------------------|--------|--------------|
 * | views           | view             | 0.10   | 100          |
 * | readingMinutes  | reading (ms)     | 0.15   | 60           |
 * | likesGiven      | like_given       | 0.10   | 20           |
 * | likesReceived   | like_received    | 0.20   | 20           |
 * | replies         | reply            | 0.20   | 15           |
 * | topics          | topic            | 0.15   | 5            |
 * | acceptedAnswers | accepted_answer  | 0.10   | 3            |
 *
 * Edge cases: empty community -> every score 0, no component measured; a member with no
 * events -> score 0; a community of one member uses the fallbacks.
 * Shape: `{ score, level, components: [{ key, value, normalised, weight, points }] }` as the
 * seed's `engagementScore` (shared/engagement.ts), plus `reference`, `count` and
 * `measured` per component, `trend` and `lastActiveAt`.
 */
export type EngagementKind = 'view' | 'reading' | 'like_given' | 'like_received' | 'reply' | 'topic' | 'accepted_answer';

export interface EngagementEvent {
  memberId: string;
  /** Epoch ms. */
  ts: number;
  kind: EngagementKind;
  /** 1 per event when absent; a rollup row's count; milliseconds for `reading`. */
  amount?: number;
}

export const MEMBER_ENGAGEMENT_COMPONENTS = [
  { key: 'views', kind: 'view', weight: 0.1, fallback: 100 },
  { key: 'readingMinutes', kind: 'reading', weight: 0.15, fallback: 60 },
  { key: 'likesGiven', kind: 'like_given', weight: 0.1, fallback: 20 },
  { key: 'likesReceived', kind: 'like_received', weight: 0.2, fallback: 20 },
  { key: 'replies', kind: 'reply', weight: 0.2, fallback: 15 },
  { key: 'topics', kind: 'topic', weight: 0.15, fallback: 5 },
  { key: 'acceptedAnswers', kind: 'accepted_answer', weight: 0.1, fallback: 3 },
] as const satisfies ReadonlyArray<{ key: string; kind: EngagementKind; weight: number; fallback: number }>;

export type MemberEngagementKey = (typeof MEMBER_ENGAGEMENT_COMPONENTS)[number]['key'];

export interface EngagementOptions {
  /** Now, epoch ms. */
  at: number;
  halfLifeDays?: number;
  windowDays?: number;
  /** Trend period in days (default 30). */
  trendDays?: number;
}

export interface ComponentValues {
  /** Recency-weighted amounts per component key. */
  weighted: Record<MemberEngagementKey, number>;
  /** Plain amounts in the window (minutes for reading). */
  counts: Record<MemberEngagementKey, number>;
  lastActiveAt: number | null;
}

const KIND_TO_KEY = Object.fromEntries(MEMBER_ENGAGEMENT_COMPONENTS.map((c) => [c.kind, c.key])) as Record<
  EngagementKind,
  MemberEngagementKey
>;

function emptyRecord(): Record<MemberEngagementKey, number> {
  return Object.fromEntries(MEMBER_ENGAGEMENT_COMPONENTS.map((c) => [c.key, 0])) as Record<MemberEngagementKey, number>;
}

/** Step 1: per member, the recency-weighted amount of each component at `at`. */
export function engagementValues(events: Iterable<EngagementEvent>, options: EngagementOptions): Map<string, ComponentValues> {
  const halfLife = (options.halfLifeDays ?? 30) * DAY_MS;
  const window = (options.windowDays ?? 180) * DAY_MS;
  const out = new Map<string, ComponentValues>();
  for (const e of events) {
    const age = options.at - e.ts;
    if (age < 0 || age > window) continue;
    const key = KIND_TO_KEY[e.kind];
    if (!key) continue;
    let amount = e.amount ?? 1;
    if (!Number.isFinite(amount) || amount <= 0) continue;
    if (e.kind === 'reading') amount /= 60_000;
    let v = out.get(e.memberId);
    if (!v) out.set(e.memberId, (v = { weighted: emptyRecord(), counts: emptyRecord(), lastActiveAt: null }));
    v.weighted[key] += amount * 2 ** (-age / halfLife);
    v.counts[key] += amount;
    // Being liked or answered is not something the member did.
    if (e.kind !== 'like_received' && e.kind !== 'accepted_answer' && (v.lastActiveAt === null || e.ts > v.lastActiveAt)) {
      v.lastActiveAt = e.ts;
    }
  }
  return out;
}

export interface ComponentReference extends Reference {
  key: MemberEngagementKey;
  measured: boolean;
  /** Weight after dropping unmeasured components (sums to 1 over measured ones). */
  weight: number;
}

/** Step 2-3: the community's reference per component and the effective weights. */
export function engagementReferences(values: Map<string, ComponentValues>): ComponentReference[] {
  const refs = MEMBER_ENGAGEMENT_COMPONENTS.map((c) => {
    const ref = communityReference(
      [...values.values()].map((v) => v.weighted[c.key]),
      { fallback: c.fallback },
    );
    return { ...ref, key: c.key, measured: ref.nonZero > 0, weight: c.weight };
  });
  const total = refs.reduce((s, r) => s + (r.measured ? r.weight : 0), 0);
  return refs.map((r) => ({ ...r, weight: r.measured && total > 0 ? r.weight / total : 0 }));
}

export interface MemberEngagementComponent {
  key: MemberEngagementKey;
  /** Recency-weighted amount. */
  value: number;
  /** Plain amount in the window. */
  count: number;
  /** The amount that earns full marks in this community. */
  reference: number;
  normalised: number;
  weight: number;
  points: number;
  measured: boolean;
}

export interface EngagementTrend {
  previousScore: number | null;
  delta: number | null;
  direction: 'up' | 'down' | 'flat' | 'new';
}

export interface MemberEngagement {
  score: number;
  level: MemberLevel;
  components: MemberEngagementComponent[];
  trend: EngagementTrend;
  lastActiveAt: number | null;
}

/** Score of one member's values against the community's references. */
export function scoreEngagement(
  values: ComponentValues | undefined,
  refs: readonly ComponentReference[],
): { score: number; components: MemberEngagementComponent[] } {
  const components = refs.map((r) => {
    const value = values?.weighted[r.key] ?? 0;
    const normalised = r.measured ? logScale(value, r.value) : 0;
    return {
      key: r.key,
      value,
      count: values?.counts[r.key] ?? 0,
      reference: r.value,
      normalised,
      weight: r.weight,
      points: 100 * r.weight * normalised,
      measured: r.measured,
    };
  });
  const score = Math.max(0, Math.min(100, Math.round(components.reduce((s, c) => s + c.points, 0))));
  return { score, components };
}

export const TREND_FLAT_POINTS = 5;

export function engagementTrend(score: number, previousScore: number | null): EngagementTrend {
  if (previousScore === null) return { previousScore, delta: null, direction: 'new' };
  const delta = score - previousScore;
  return { previousScore, delta, direction: delta >= TREND_FLAT_POINTS ? 'up' : delta <= -TREND_FLAT_POINTS ? 'down' : 'flat' };
}

/**
 * Every member's engagement at `options.at` (members with no event in the window are
 * absent: their score is 0). `joinedAt` (else the member's first event) and `churnRisk`
 * per member feed the level (levels.ts).
 */
export function communityEngagement(
  events: readonly EngagementEvent[],
  options: EngagementOptions & {
    joinedAt?: ReadonlyMap<string, number>;
    churnRisk?: ReadonlyMap<string, number>;
  },
): Map<string, MemberEngagement> {
  const now = engagementValues(events, options);
  const refs = engagementReferences(now);
  const prevAt = options.at - (options.trendDays ?? 30) * DAY_MS;
  const before = engagementValues(events, { ...options, at: prevAt });
  const prevRefs = engagementReferences(before);
  const firstTs = new Map<string, number>();
  for (const e of events) {
    const t = firstTs.get(e.memberId);
    if (e.ts <= options.at && (t === undefined || e.ts < t)) firstTs.set(e.memberId, e.ts);
  }
  const out = new Map<string, MemberEngagement>();
  for (const [memberId, values] of now) {
    const { score, components } = scoreEngagement(values, refs);
    const prev = before.get(memberId);
    const previousScore = prev ? scoreEngagement(prev, prevRefs).score : null;
    const level = memberLevel({
      score,
      previousScore,
      lastActiveAt: values.lastActiveAt,
      joinedAt: options.joinedAt?.get(memberId) ?? firstTs.get(memberId) ?? null,
      churnRisk: options.churnRisk?.get(memberId) ?? null,
      at: options.at,
    });
    out.set(memberId, { score, level, components, trend: engagementTrend(score, previousScore), lastActiveAt: values.lastActiveAt });
  }
  return out;
}
