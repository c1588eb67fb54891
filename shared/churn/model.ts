import { DAY_MS } from '../metrics/periods';
import { type Snapshot, cutoffsBack, DEFAULT_ACTIVE_WINDOW_DAYS, DEFAULT_HORIZON_DAYS, snapshotsAt } from './dataset';
import { auc } from './evaluation';
import { CHURN_FEATURES, type ChurnFeatureKey, FEATURE_COUNT, type RawFeatures, transformFeatures } from './features';
import type { MemberHistory } from './history';
import { sigmoid } from './linalg';
import { fitLogistic, type LogisticParams, logisticContributions } from './logistic';
import { fitStumps, type StumpParams, stumpContributions } from './stumps';

/**
 * Churn model: P(no own activity in the next `horizonDays`) for a member who was active
 * in the last `activeWindowDays`, trained on the community's own history.
 *
 * Training (`trainChurnModel`), small enough for a scheduled handler:
 * 1. Cutoffs every `stepDays` (7) back from now - horizon (the latest cutoff whose 30
 *    days are over), at most `maxCutoffs` (26, half a year), none before the first event
 *    + `minHistoryDays` (14).
 * 2. One snapshot per member active in the window at each cutoff (dataset.ts).
 * 3. kind "auto" (default): candidates, logistic regression (logistic.ts) with penalty
 *    l2 in {1, 10, 100} and boosted stumps (stumps.ts), are fitted on the cutoffs at
 *    least one horizon before the latest quarter of cutoffs and scored (AUC) on that
 *    latest quarter; the best is refitted on every cutoff. The logistic penalty never
 *    applies to recency, so a heavily penalised model is "recency, plus what the other
 *    features clearly add". When the history is too short to validate (no fitting or
 *    validation rows of both outcomes): logistic with l2 = 100, i.e. close to recency
 *    alone, the safe choice for a small community. The validation AUCs are kept.
 * The model is plain JSON: store it, ship it, `predictChurn` with it.
 */
export type ChurnModelKind = 'logistic' | 'stumps';

export interface ChurnModel {
  version: 1;
  kind: ChurnModelKind;
  features: ChurnFeatureKey[];
  horizonDays: number;
  activeWindowDays: number;
  /** Epoch ms: the data's end when trained. */
  trainedAt: number;
  training: {
    rows: number;
    positives: number;
    cutoffs: number;
    /** The candidate kept, e.g. "logistic l2=10" or "stumps". */
    choice: string;
    /** Validation AUC of each candidate; null when the history was too short to validate. */
    validation: { candidate: string; auc: number | null }[] | null;
  };
  /** Median raw value of each feature over the training rows ("typical" in reasons). */
  typical: number[];
  logistic?: LogisticParams;
  stumps?: StumpParams;
}

export interface TrainOptions {
  /** The end of the data (epoch ms): labels need `horizonDays` after a cutoff. */
  now: number;
  horizonDays?: number;
  activeWindowDays?: number;
  stepDays?: number;
  maxCutoffs?: number;
  minHistoryDays?: number;
  /** Cutoffs to train on, overriding the schedule above. */
  cutoffs?: number[];
  /** "auto" (default) picks by validation; the others force one candidate. */
  kind?: ChurnModelKind | 'auto';
  /** With kind "logistic": the penalty (default 10). */
  l2?: number;
  rounds?: number;
}

type Candidate = { kind: 'logistic'; l2: number } | { kind: 'stumps'; rounds: number };

/** Penalties tried for the logistic model; recency is never penalised (see logistic.ts). */
export const LOGISTIC_L2_GRID = [1, 10, 100] as const;
/** The penalty when the history is too short to validate: lean on recency. */
export const SMALL_HISTORY_L2 = 100;
const RECENCY = CHURN_FEATURES.findIndex((f) => f.key === 'daysSinceActive');

function candidateName(c: Candidate): string {
  return c.kind === 'logistic' ? `logistic l2=${c.l2}` : 'stumps';
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function fit(c: Candidate, rows: Snapshot[]): Pick<ChurnModel, 'kind' | 'logistic' | 'stumps'> {
  const x = rows.map((r) => r.x);
  const y = rows.map((r) => r.label as number);
  return c.kind === 'logistic'
    ? { kind: 'logistic', logistic: fitLogistic(x, y, { l2: c.l2, unpenalised: [RECENCY] }) }
    : { kind: 'stumps', stumps: fitStumps(x, y, { rounds: c.rounds }) };
}

function logitOf(model: Pick<ChurnModel, 'kind' | 'logistic' | 'stumps'>, x: number[]): { logit: number; contributions: number[] } {
  return model.kind === 'logistic' ? logisticContributions(model.logistic!, x) : stumpContributions(model.stumps!, x);
}

export function firstEventTs(histories: Iterable<MemberHistory>): number {
  let first = Infinity;
  for (const h of histories) if (h.ownTs.length > 0) first = Math.min(first, h.ownTs[0]!);
  return first;
}

/** Labelled snapshots at the given cutoffs (unlabelled ones dropped). */
export function labelledSnapshots(histories: MemberHistory[], cutoffs: number[], knownUntil: number, options: TrainOptions): Snapshot[] {
  return cutoffs.flatMap((t) => snapshotsAt(histories, t, knownUntil, options).filter((s) => s.label !== null));
}

const bothClasses = (rows: Snapshot[]) => new Set(rows.map((r) => r.label)).size === 2;

export function trainChurnModel(histories: MemberHistory[], options: TrainOptions): ChurnModel {
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const activeWindowDays = options.activeWindowDays ?? DEFAULT_ACTIVE_WINDOW_DAYS;
  const opts = { ...options, horizonDays, activeWindowDays };
  const first = firstEventTs(histories) + (options.minHistoryDays ?? 14) * DAY_MS;
  const cutoffs =
    options.cutoffs ?? cutoffsBack(first, options.now - horizonDays * DAY_MS, options.stepDays ?? 7, options.maxCutoffs ?? 26);
  const rows = labelledSnapshots(histories, cutoffs, options.now, opts);
  if (!bothClasses(rows)) throw new Error('cannot train a churn model: the history has no labelled snapshots of both outcomes yet');

  const rounds = options.rounds ?? 200;
  let chosen: Candidate;
  let validation: ChurnModel['training']['validation'] = null;
  const kind = options.kind ?? 'auto';
  if (kind === 'logistic') chosen = { kind, l2: options.l2 ?? 10 };
  else if (kind === 'stumps') chosen = { kind, rounds };
  else {
    chosen = { kind: 'logistic', l2: SMALL_HISTORY_L2 };
    const valStart = cutoffs[Math.floor(cutoffs.length * 0.75)];
    const valRows = valStart === undefined ? [] : rows.filter((r) => r.at >= valStart);
    const fitRows = valStart === undefined ? [] : rows.filter((r) => r.at + horizonDays * DAY_MS <= valStart);
    if (bothClasses(valRows) && bothClasses(fitRows)) {
      const candidates: Candidate[] = [...LOGISTIC_L2_GRID.map((l2) => ({ kind: 'logistic' as const, l2 })), { kind: 'stumps', rounds }];
      let best = -Infinity;
      validation = candidates.map((c) => {
        const m = fit(c, fitRows);
        const score = auc(
          valRows.map((r) => logitOf(m, r.x).logit),
          valRows.map((r) => r.label as number),
        );
        if (score !== null && score > best + 1e-9) {
          best = score;
          chosen = c;
        }
        return { candidate: candidateName(c), auc: score };
      });
    }
  }
  return {
    version: 1,
    ...fit(chosen, rows),
    features: CHURN_FEATURES.map((f) => f.key),
    horizonDays,
    activeWindowDays,
    trainedAt: options.now,
    training: {
      rows: rows.length,
      positives: rows.filter((r) => r.label === 1).length,
      cutoffs: cutoffs.length,
      choice: candidateName(chosen),
      validation,
    },
    typical: CHURN_FEATURES.map((f) => median(rows.map((r) => r.raw[f.key]))),
  };
}

export interface ChurnReason {
  feature: ChurnFeatureKey;
  /** The member's raw value (natural units, see features.ts). */
  value: number;
  /** Median over the training rows. */
  typical: number;
  /** Log-odds this feature adds to the risk (relative to an average member). */
  contribution: number;
  direction: 'raises' | 'lowers';
}

export interface ChurnPrediction {
  /** Probability of no activity in the next horizon, 0..1. */
  risk: number;
  logit: number;
  /** The features that moved the risk most, largest |contribution| first (at most `topReasons`). */
  reasons: ChurnReason[];
  contributions: Record<ChurnFeatureKey, number>;
}

export function predictChurn(model: ChurnModel, raw: RawFeatures, topReasons = 3): ChurnPrediction {
  if (model.version !== 1 || model.features.length !== FEATURE_COUNT || model.features.some((k, j) => k !== CHURN_FEATURES[j]!.key)) {
    throw new Error('churn model was trained on other features: retrain it');
  }
  const x = transformFeatures(raw);
  const { logit, contributions } = logitOf(model, x);
  const all = CHURN_FEATURES.map((f, j): ChurnReason => ({
    feature: f.key,
    value: raw[f.key],
    typical: model.typical[j]!,
    contribution: contributions[j]!,
    direction: contributions[j]! >= 0 ? 'raises' : 'lowers',
  }));
  const reasons = all
    .filter((r) => Math.abs(r.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, topReasons);
  return {
    risk: sigmoid(logit),
    logit,
    reasons,
    contributions: Object.fromEntries(all.map((r) => [r.feature, r.contribution])) as Record<ChurnFeatureKey, number>,
  };
}

/**
 * Risk of every member active in the model's window before `at` (what the scheduled
 * handler stores and the overlay shows), keyed by member id.
 */
export function predictMembers(model: ChurnModel, histories: Iterable<MemberHistory>, at: number, topReasons = 3): Map<string, ChurnPrediction> {
  const out = new Map<string, ChurnPrediction>();
  for (const s of snapshotsAt(histories, at, at, { horizonDays: model.horizonDays, activeWindowDays: model.activeWindowDays })) {
    out.set(s.memberId, predictChurn(model, s.raw, topReasons));
  }
  return out;
}
