/**
 * Community metrics: every formula is documented beside its code in `metrics/`.
 *
 * - periods.ts    UTC day / week / month indexes
 * - activity.ts   active members, DAU / WAU / MAU, stickiness, activity index
 * - retention.ts  period-over-period retention, cohort retention table
 * - scaling.ts    community-relative 0..1 scaling (log against the 90th percentile)
 * - engagement.ts member engagement score 0-100, components, trend
 * - quality.ts    content quality per post and per author
 * - levels.ts     newcomer, regular, core, at risk, lapsed
 *
 * Inputs are plain arrays of events or posts with epoch-ms timestamps and member ids, so
 * the Worker can feed them from D1 rollups (a rollup row is an event with a count).
 */
export * from './metrics/periods';
export * from './metrics/activity';
export * from './metrics/retention';
export * from './metrics/scaling';
export * from './metrics/engagement';
export * from './metrics/quality';
export * from './metrics/levels';
