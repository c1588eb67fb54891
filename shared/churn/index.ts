/**
 * Churn risk: "will this member be inactive for the next 30 days?", trained on the
 * community's own history, each prediction with its reasons.
 *
 * In a scheduled handler:
 *     const histories = [...indexHistories(events).values()];     // events or daily rollups
 *     const model = trainChurnModel(histories, { now });            // plain JSON: store it
 *     const risks = predictMembers(model, histories, now);          // Map<memberId, { risk, reasons }>
 *
 * - history.ts   event kinds, per-member timelines
 * - features.ts  behaviour features at a cutoff (recency, frequency, trend, reading,
 *                replies and likes received, tone of replies, ...)
 * - dataset.ts   snapshots and labels
 * - logistic.ts, stumps.ts  the two learners; model.ts picks one by time-based validation
 * - evaluation.ts AUC, precision at the top
 * - reasons.ts   reasons as text (English, Chinese)
 */
export { type ChurnEvent, type ChurnEventKind, indexHistories, type MemberHistory } from './history';
export { CHURN_FEATURES, type ChurnFeatureKey, type RawFeatures, rawFeatures } from './features';
export { snapshotsAt, type Snapshot } from './dataset';
export { auc, precisionAtTop } from './evaluation';
export { type ChurnModel, type ChurnPrediction, type ChurnReason, predictChurn, predictMembers, trainChurnModel } from './model';
export { reasonText } from './reasons';
