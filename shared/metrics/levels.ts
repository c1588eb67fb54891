import { DAY_MS } from './periods';

/**
 * Member levels, checked in this order (the first that applies wins):
 *
 * | level    | rule                                                                           |
 * |----------|--------------------------------------------------------------------------------|
 * | lapsed   | no interaction for more than 60 days (or never, and joined 30+ days ago)       |
 * | at_risk  | last interaction over 21 (to 60) days ago; or churn risk >= 0.7 (when a model gave one);  |
 * |          | or the score fell by 20+ points since the previous period from 25 or more      |
 * | newcomer | joined less than 30 days ago, or score < 25 (the seed's threshold)             |
 * | core     | score >= 70 (the seed's threshold)                                             |
 * | regular  | everyone else (score 25-69)                                                    |
 *
 * Why: 21 days is three missed weeks for a weekly community, 60 days two missed months;
 * the score thresholds are the seed's so existing badges keep their meaning. With no
 * join date (`joinedAt` null) the tenure rules are skipped: a never-active member is then
 * a newcomer, an active one is judged on recency and score alone.
 */
export type MemberLevel = 'newcomer' | 'regular' | 'core' | 'at_risk' | 'lapsed';

export const LEVEL_RULES = {
  lapsedAfterDays: 60,
  atRiskAfterDays: 21,
  atRiskChurnRisk: 0.7,
  atRiskScoreDrop: 20,
  newcomerDays: 30,
  regularScore: 25,
  coreScore: 70,
} as const;

export interface LevelInput {
  /** Engagement score 0-100 now. */
  score: number;
  /** Score one period earlier, when known. */
  previousScore?: number | null;
  /** Epoch ms of the last interaction; null when never active. */
  lastActiveAt: number | null;
  /** Epoch ms of joining; null when unknown. */
  joinedAt: number | null;
  /** Churn probability 0..1 from the churn model, when one is trained. */
  churnRisk?: number | null;
  /** Now, epoch ms. */
  at: number;
}

export function memberLevel(input: LevelInput): MemberLevel {
  const r = LEVEL_RULES;
  const tenureDays = input.joinedAt === null ? null : (input.at - input.joinedAt) / DAY_MS;
  if (input.lastActiveAt === null) return tenureDays !== null && tenureDays >= r.newcomerDays ? 'lapsed' : 'newcomer';
  const idleDays = (input.at - input.lastActiveAt) / DAY_MS;
  if (idleDays > r.lapsedAfterDays) return 'lapsed';
  const dropped =
    input.previousScore != null && input.previousScore >= r.regularScore && input.previousScore - input.score >= r.atRiskScoreDrop;
  if (idleDays > r.atRiskAfterDays || (input.churnRisk ?? 0) >= r.atRiskChurnRisk || dropped) return 'at_risk';
  if ((tenureDays !== null && tenureDays < r.newcomerDays) || input.score < r.regularScore) return 'newcomer';
  if (input.score >= r.coreScore) return 'core';
  return 'regular';
}
