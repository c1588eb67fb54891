/**
 * The time split of `npm run eval:churn`: train before T, predict after T.
 *
 * - T (default): the first UTC midnight after two thirds of the members' own activity
 *   events, so the model trains on most of the history and is tested on the rest.
 * - Training sees only events before T; its cutoffs end one horizon before T, so every
 *   training label is known by T (shared/churn/model.ts picks them).
 * - Test cutoffs: T, T + 7 days, T + 14 days, ... (the training step) while cutoff +
 *   horizon <= the data's end; at each, every member active in the window before it is
 *   scored, on features from the full history before that cutoff, and labelled by the
 *   following horizon. Weekly test cutoffs overlap in their horizons; they give several
 *   times more test snapshots than monthly ones, so the figures vary less.
 * - Baseline: days since the member's last activity (recency alone) as the risk score.
 * Pooled over the test cutoffs: AUC and precision among the top 10% riskiest.
 */
import { snapshotsAt, type Snapshot } from '../../shared/churn/dataset';
import { auc, precisionAtTop } from '../../shared/churn/evaluation';
import { type ChurnEvent, indexHistories, isOwnKind } from '../../shared/churn/history';
import { type ChurnModel, predictChurn, type TrainOptions, trainChurnModel } from '../../shared/churn/model';
import { DAY_MS } from '../../shared/metrics/periods';

export function defaultCutoff(events: readonly ChurnEvent[], share = 2 / 3): number {
  const ts = events.filter((e) => isOwnKind(e.kind)).map((e) => e.ts).sort((a, b) => a - b);
  if (ts.length === 0) throw new Error('no activity in the history');
  const t = ts[Math.min(ts.length - 1, Math.floor(share * ts.length))]!;
  return (Math.floor(t / DAY_MS) + 1) * DAY_MS;
}

export function testCutoffs(cutoff: number, end: number, horizonDays: number, stepDays = 7): number[] {
  const out: number[] = [];
  for (let t = cutoff; t + horizonDays * DAY_MS <= end; t += stepDays * DAY_MS) out.push(t);
  return out;
}

export interface Scores {
  auc: number | null;
  precisionTop10: number | null;
}

export interface SplitResult {
  cutoff: number;
  end: number;
  model: ChurnModel;
  trainMs: number;
  test: Snapshot[];
  testCutoffs: number[];
  modelScores: Scores;
  baselineScores: Scores;
  perCutoff: { at: number; rows: number; churned: number; model: Scores; baseline: Scores }[];
}

function scoresOf(risk: number[], labels: number[]): Scores {
  return { auc: auc(risk, labels), precisionTop10: precisionAtTop(risk, labels, 0.1) };
}

export function evaluateTimeSplit(
  events: readonly ChurnEvent[],
  end: number,
  options: Omit<TrainOptions, 'now'> & { cutoff?: number } = {},
): SplitResult {
  const horizonDays = options.horizonDays ?? 30;
  const cutoff = options.cutoff ?? defaultCutoff(events);
  const trainHistories = [...indexHistories(events.filter((e) => e.ts < cutoff)).values()];
  const started = performance.now();
  const model = trainChurnModel(trainHistories, { ...options, horizonDays, now: cutoff });
  const trainMs = performance.now() - started;
  const histories = [...indexHistories(events).values()];
  const cutoffs = testCutoffs(cutoff, end, horizonDays, options.stepDays ?? 7);
  const test = cutoffs.flatMap((t) => snapshotsAt(histories, t, end, { horizonDays, activeWindowDays: model.activeWindowDays }));
  const labelled = test.filter((s) => s.label !== null);
  const risk = (rows: Snapshot[]) => rows.map((s) => predictChurn(model, s.raw).risk);
  const recency = (rows: Snapshot[]) => rows.map((s) => s.raw.daysSinceActive);
  const labels = (rows: Snapshot[]) => rows.map((s) => s.label as number);
  return {
    cutoff,
    end,
    model,
    trainMs,
    test: labelled,
    testCutoffs: cutoffs,
    modelScores: scoresOf(risk(labelled), labels(labelled)),
    baselineScores: scoresOf(recency(labelled), labels(labelled)),
    perCutoff: cutoffs.map((at) => {
      const rows = labelled.filter((s) => s.at === at);
      return {
        at,
        rows: rows.length,
        churned: rows.filter((s) => s.label === 1).length,
        model: scoresOf(risk(rows), labels(rows)),
        baseline: scoresOf(recency(rows), labels(rows)),
      };
    }),
  };
}
