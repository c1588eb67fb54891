import type { AuthorActivity } from './schemas/annotate';
import type { Engagement, EngagementComponent, EngagementLevel } from './schemas/engagement';

/**
 * First engagement score, 0-100, of a member from the activity the Worker knows.
 *
 * Each count is put on the same 0..1 scale before weighting, so a like and a day
 * active are never added as if they were the same unit:
 *
 *     normalised(x) = min(1, ln(1 + x) / ln(1 + cap))
 *
 * The logarithm gives the first posts more weight than the hundredth; `cap` is the
 * count at which a component is full. The score is the weighted sum:
 *
 *     score = round(100 * Σ weight_k * normalised(count_k))     Σ weight_k = 1
 *
 * | component        | cap | weight | why                                          |
 * |------------------|-----|--------|----------------------------------------------|
 * | posts            |  50 | 0.30   | contributing content                         |
 * | likesReceived    | 100 | 0.25   | others value it                              |
 * | repliesReceived  |  50 | 0.20   | it starts conversations                      |
 * | daysActive       |  30 | 0.25   | coming back, rather than one burst           |
 *
 * Levels: score < 25 newcomer, 25-69 regular, >= 70 core.
 * Examples: nothing known -> 0; 1 post on 1 day -> 10; 50 posts, 100 likes,
 * 50 replies received on 30 days -> 100.
 * This is the vertical slice's formula; community-relative normalisation and
 * recency weighting come with the metrics work.
 */
export const ENGAGEMENT_COMPONENTS = [
  { key: 'posts', cap: 50, weight: 0.3 },
  { key: 'likesReceived', cap: 100, weight: 0.25 },
  { key: 'repliesReceived', cap: 50, weight: 0.2 },
  { key: 'daysActive', cap: 30, weight: 0.25 },
] as const satisfies ReadonlyArray<{ key: EngagementComponent['key']; cap: number; weight: number }>;

type SliceKey = (typeof ENGAGEMENT_COMPONENTS)[number]['key'];

export const LEVEL_THRESHOLDS = { regular: 25, core: 70 } as const;

export function normaliseCount(count: number, cap: number): number {
  if (!Number.isFinite(count) || count <= 0) return 0;
  return Math.min(1, Math.log1p(count) / Math.log1p(cap));
}

export function engagementLevel(score: number): EngagementLevel {
  if (score >= LEVEL_THRESHOLDS.core) return 'core';
  if (score >= LEVEL_THRESHOLDS.regular) return 'regular';
  return 'newcomer';
}

export function engagementScore(activity: Pick<AuthorActivity, SliceKey>): Engagement {
  const components = ENGAGEMENT_COMPONENTS.map(({ key, cap, weight }) => {
    const value = activity[key];
    const normalised = normaliseCount(value, cap);
    return { key, value, normalised, weight, points: 100 * weight * normalised };
  });
  const score = Math.round(components.reduce((sum, c) => sum + c.points, 0));
  return { score, level: engagementLevel(score), components, basis: 'provisional', trend: null, churn: null };
}
