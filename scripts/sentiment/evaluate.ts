import type { LoadedModel } from '../../shared/sentiment/kernel';
import { scoreWith, toxicityThresholds } from '../../shared/sentiment/index';
import { detectLanguage } from '../../shared/sentiment/language';
import { baselineOffensive, baselineSentiment2, baselineSentiment3, type Baseline } from './baselines';
import type { FileFormat, Row } from './datasets';
import { classification, type Scores } from './metrics';
import { inSplit, type SplitName } from './split';

export type Task = 'sentiment' | 'toxicity';
export type ToxicityHead = 'toxic' | 'offensive' | 'hate';

export interface EvalOptions {
  task: Task;
  /** toxicity output compared with the labels (default offensive) */
  head?: ToxicityHead;
  split?: SplitName;
  /** 'auto': run the lexicon baselines when most rows are English */
  baselines?: 'auto' | 'on' | 'off';
  format?: FileFormat;
}

export interface EvalResult {
  model: Scores;
  vader: Scores | null;
  afinn: Scores | null;
  n: number;
  classes: number;
  englishShare: number;
}

/**
 * Labels of a row for the task: sentiment files hold 0/1 (negative/positive) or 0/1/2
 * (negative/neutral/positive), decided by the labels present; toxicity files hold 0/1
 * (not offensive/offensive, or not hateful/hateful for HatEval with --head hate). Davidson's
 * classes (0 hate, 1 offensive, 2 neither) become 0/1 for the chosen head.
 */
export function taskLabels(rows: readonly Row[], opts: EvalOptions): number[] {
  if (opts.format === 'davidson') {
    return rows.map((r) => (opts.head === 'hate' ? (r.label === 0 ? 1 : 0) : r.label <= 1 ? 1 : 0));
  }
  const max = rows.reduce((m, r) => Math.max(m, r.label), 0);
  if (opts.task === 'toxicity' && max > 1) throw new Error('toxicity labels must be 0 or 1');
  if (max > 2) throw new Error('sentiment labels must be 0/1 or 0/1/2');
  return rows.map((r) => r.label);
}

export function evaluate(allRows: readonly Row[], opts: EvalOptions, model: LoadedModel): EvalResult {
  const rows = allRows.filter((r) => inSplit(r.text, opts.split ?? 'all'));
  const gold = taskLabels(rows, opts);
  const binary = opts.task === 'toxicity' || gold.every((g) => g <= 1);
  const english = rows.filter((r) => detectLanguage(r.text) === 'en').length;
  const englishShare = rows.length ? english / rows.length : 0;
  const runBaselines = opts.baselines === 'on' || ((opts.baselines ?? 'auto') === 'auto' && englishShare >= 0.5);
  const head = opts.head ?? 'offensive';
  const threshold = toxicityThresholds(model)[head];

  const modelPred = rows.map((r) => {
    const s = scoreWith(model, r.text);
    if (opts.task === 'toxicity') return s.toxicity[head] >= threshold ? 1 : 0;
    const p = s.sentiment.probs;
    if (binary) return p.positive >= p.negative ? 1 : 0;
    return s.sentiment.label === 'negative' ? 0 : s.sentiment.label === 'neutral' ? 1 : 2;
  });
  const base = (m: Baseline) =>
    classification(
      gold,
      rows.map((r) => (opts.task === 'toxicity' ? baselineOffensive(m, r.text) : binary ? baselineSentiment2(m, r.text) : baselineSentiment3(m, r.text))),
    );
  return {
    model: classification(gold, modelPred),
    vader: runBaselines ? base('vader') : null,
    afinn: runBaselines ? base('afinn') : null,
    n: rows.length,
    classes: binary ? 2 : 3,
    englishShare,
  };
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

/** Human-readable lines (the JSON line is printed separately, last). */
export function formatResult(r: EvalResult): string[] {
  const lines = [`rows ${r.n}, ${r.classes} classes, English ${(100 * r.englishShare).toFixed(0)} %`, 'method   accuracy  macro-F1'];
  for (const [name, s] of [
    ['model', r.model],
    ['vader', r.vader],
    ['afinn', r.afinn],
  ] as const) {
    lines.push(s ? `${name.padEnd(8)} ${pct(s.accuracy)} %  ${pct(s.macroF1)}` : `${name.padEnd(8)}     -        -     (not English)`);
  }
  return lines;
}

export function resultJson(r: EvalResult): string {
  const round = (s: Scores | null) => (s ? { accuracy: Number(s.accuracy.toFixed(4)), macroF1: Number(s.macroF1.toFixed(4)) } : null);
  return JSON.stringify({ model: round(r.model), vader: round(r.vader), afinn: round(r.afinn), n: r.n });
}
