/**
 * npm run eval:sentiment -- <file> [--format tsv|csv|tweeteval|davidson] [--task sentiment|toxicity]
 *                                  [--head toxic|offensive|hate] [--split all|train|test|fit|validation]
 *                                  [--baselines auto|on|off]
 *
 * Scores the shipped model (shared/sentiment/weights.ts) on a labelled file and prints
 * accuracy and macro-F1 next to two lexicon baselines measured in the same run, VADER
 * (`vader-sentiment`) and AFINN (`sentiment`), which run only when most rows are English
 * (`--baselines on|off` overrides). The last line is one JSON object:
 *   {"model": {"accuracy", "macroF1"}, "vader": {...} | null, "afinn": {...} | null, "n": rows}
 *
 * Formats: tsv (header `sentence<TAB>label`), csv (header `label,review`), tweeteval
 * (`*_text.txt` with `*_labels.txt` beside it), davidson (labeled_data.csv). The format
 * is guessed from the file name when not given.
 * Labels: sentiment 0/1 = negative/positive or 0/1/2 = negative/neutral/positive (decided
 * by the labels present); toxicity 0/1 = not offensive/offensive (--head hate for HatEval).
 * --split test scores only the rows of the held-out test part (scripts/sentiment/split.ts),
 * which training never saw; the default (all) includes rows the model was trained on.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { shippedModel, SENTIMENT_MODEL_VERSION } from '../shared/sentiment/index';
import { detectFormat, readLabelled, type FileFormat, type Row } from './sentiment/datasets';
import { evaluate, formatResult, resultJson, type EvalResult, type Task, type ToxicityHead } from './sentiment/evaluate';
import type { SplitName } from './sentiment/split';

function usage(msg: string): never {
  console.error(`eval-sentiment: ${msg}`);
  console.error('usage: npm run eval:sentiment -- <file> [--format tsv|csv|tweeteval|davidson] [--task sentiment|toxicity] [--head toxic|offensive|hate] [--split all|train|test] [--baselines auto|on|off]');
  process.exit(2);
}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) usage(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const args = process.argv.slice(2);
let file: string | undefined;
let format: FileFormat | undefined;
let task: Task = 'sentiment';
let head: ToxicityHead | undefined;
let split: SplitName = 'all';
let baselines: 'auto' | 'on' | 'off' = 'auto';
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const next = () => args[++i];
  if (a === '--format') format = pick('--format', next(), ['tsv', 'csv', 'tweeteval', 'davidson'] as const);
  else if (a === '--task') task = pick('--task', next(), ['sentiment', 'toxicity'] as const);
  else if (a === '--head') head = pick('--head', next(), ['toxic', 'offensive', 'hate'] as const);
  else if (a === '--split') split = pick('--split', next(), ['all', 'train', 'test', 'fit', 'validation'] as const);
  else if (a === '--baselines') baselines = pick('--baselines', next(), ['auto', 'on', 'off'] as const);
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (file === undefined) file = a;
  else usage(`unexpected argument ${a}`);
}
if (!file) usage('no file given');
if (!existsSync(file)) usage(`no such file: ${file}`);
if (!statSync(file).isFile()) usage(`not a file: ${file}`);
if (head && task !== 'toxicity') usage('--head applies to --task toxicity');

let fmt: FileFormat;
let rows: Row[];
let result: EvalResult;
try {
  fmt = format ?? detectFormat(file);
  rows = readLabelled(file, fmt);
  if (rows.length === 0) throw new Error(`${file}: no labelled rows`);
  result = evaluate(rows, { task, head: task === 'toxicity' ? (head ?? 'offensive') : undefined, split, baselines, format: fmt }, shippedModel());
  if (result.n === 0) throw new Error(`${file}: no rows in split ${split}`);
} catch (e) {
  usage((e as Error).message);
}
console.log(`model ${SENTIMENT_MODEL_VERSION}`);
console.log(`file ${path.relative(process.cwd(), path.resolve(file))} (${fmt}), task ${task}${task === 'toxicity' ? ` (${head ?? 'offensive'})` : ''}, split ${split}`);
for (const line of formatResult(result)) console.log(line);
console.log(resultJson(result));
