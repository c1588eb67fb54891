/**
 * Evaluates the churn model on a community's history with a time split.
 *
 *   npm run eval:churn -- stackexchange <dump-dir> [--cutoff YYYY-MM-DD] [--horizon 30]
 *                         [--window 60] [--kind auto|logistic|stumps] [--until YYYY-MM-DD] [--verbose]
 *
 * --cutoff sets T (default: the first midnight after 2/3 of the activity); --window the
 * population (members active in the N days before a cutoff); --until pretends the data
 * ends there (for development splits that never touch the later test period); --verbose
 * prints the model's weights and each test cutoff.
 *
 * Trains on the history before T, scores members at cutoffs after T (scripts/churn/
 * time-split.ts), and prints AUC and precision@top-10% for the model and for a
 * recency-only baseline. The last line is one JSON object:
 *   {"model": {"auc", "precisionTop10"}, "baseline": {"auc", "precisionTop10"}}
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { predictChurn } from '../shared/churn/model';
import { stackExchangeChurnEvents } from './churn/stackexchange-events';
import { evaluateTimeSplit, type Scores } from './churn/time-split';

const USAGE =
  'usage: npm run eval:churn -- stackexchange <dump-dir> [--cutoff YYYY-MM-DD] [--horizon 30] [--window 60] [--kind auto|logistic|stumps] [--until YYYY-MM-DD] [--verbose]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    cutoff: { type: 'string' },
    horizon: { type: 'string', default: '30' },
    window: { type: 'string', default: '60' },
    kind: { type: 'string', default: 'auto' },
    until: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const [source, dir] = positionals;
if (source !== 'stackexchange' || !dir) {
  console.error(USAGE);
  process.exit(2);
}
const kind = values.kind as 'auto' | 'logistic' | 'stumps';
if (!['auto', 'logistic', 'stumps'].includes(kind)) {
  console.error(USAGE);
  process.exit(2);
}
const cutoff = values.cutoff === undefined ? undefined : Date.parse(`${values.cutoff}T00:00:00Z`);
if (cutoff !== undefined && !Number.isFinite(cutoff)) {
  console.error(`--cutoff ${values.cutoff}: not a date (YYYY-MM-DD)`);
  process.exit(2);
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
const round = (s: Scores) => ({
  auc: s.auc === null ? null : Number(s.auc.toFixed(4)),
  precisionTop10: s.precisionTop10 === null ? null : Number(s.precisionTop10.toFixed(4)),
});

let lastPct = -1;
const loaded = await stackExchangeChurnEvents(resolve(dir), (p) => {
  const pct = Math.floor((100 * p.dumpBytesRead) / p.dumpTotalBytes);
  if (pct >= lastPct + 10 || pct === 100) {
    lastPct = pct;
    process.stderr.write(`reading ${p.file}: ${pct}% of ${(p.dumpTotalBytes / 1e6).toFixed(1)} MB\n`);
  }
}).catch((e: unknown) => {
  // missing files and malformed XML: the reader's message names the file (and line)
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
const until = values.until === undefined ? undefined : Date.parse(`${values.until}T00:00:00Z`);
if (until !== undefined && !Number.isFinite(until)) {
  console.error(`--until ${values.until}: not a date (YYYY-MM-DD)`);
  process.exit(2);
}
// --until: pretend the data ends there (for development splits entirely before a later T).
const events = until === undefined ? loaded.events : loaded.events.filter((e) => e.ts < until);
const end = until === undefined ? loaded.end : Math.min(loaded.end, until);
const { counts } = loaded;
console.log(`dump: ${resolve(dir)}`);
console.log(`rows: ${counts.posts} posts, ${counts.comments} comments, ${counts.votes} votes -> ${events.length} events of ${counts.members} members; data ends ${day(end)}`);

const result = evaluateTimeSplit(events, end, {
  horizonDays: Number(values.horizon),
  activeWindowDays: Number(values.window),
  kind,
  ...(cutoff === undefined ? {} : { cutoff }),
});
const m = result.model;
const tc = result.testCutoffs;
console.log(`split: train before T = ${day(result.cutoff)}; test at ${tc.length} weekly cutoffs${tc.length ? ` from ${day(tc[0]!)} to ${day(tc[tc.length - 1]!)}` : ''}`);
console.log(
  `training: ${m.training.rows} snapshots (${m.training.positives} churned) at ${m.training.cutoffs} weekly cutoffs; ` +
    `validation AUC ${
      m.training.validation
        ? m.training.validation.map((v) => `${v.candidate} ${f(v.auc)}`).join(', ')
        : kind === 'auto'
          ? 'n/a (history too short to validate)'
          : `not run (--kind ${kind})`
    } -> ${m.training.choice}; ` +
    `trained in ${result.trainMs.toFixed(0)} ms`,
);
if (values.verbose) {
  const { CHURN_FEATURES } = await import('../shared/churn/features');
  if (m.logistic) CHURN_FEATURES.forEach((ft, j) => console.log(`  w ${ft.key}: ${m.logistic!.weights[j]!.toFixed(3)} (typical ${m.typical[j]!.toFixed(2)})`));
  if (m.stumps) {
    const used = new Map<string, number>();
    for (const st of m.stumps.stumps) used.set(CHURN_FEATURES[st.feature]!.key, (used.get(CHURN_FEATURES[st.feature]!.key) ?? 0) + 1);
    console.log(`  stumps per feature: ${[...used].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
}
const churned = result.test.filter((s) => s.label === 1).length;
console.log(`test: ${result.test.length} snapshots, ${churned} churned (${((100 * churned) / Math.max(1, result.test.length)).toFixed(1)}%), horizon ${m.horizonDays} days, population active in the ${m.activeWindowDays} days before each cutoff`);
for (const c of values.verbose ? result.perCutoff : []) {
  console.log(
    `  ${day(c.at)}: ${c.rows} members, ${c.churned} churned | model AUC ${f(c.model.auc)} P@10% ${f(c.model.precisionTop10)} | recency AUC ${f(c.baseline.auc)} P@10% ${f(c.baseline.precisionTop10)}`,
  );
}
console.log(`model (${m.training.choice}):  AUC ${f(result.modelScores.auc)}  precision@top-10% ${f(result.modelScores.precisionTop10)}`);
console.log(`recency baseline: AUC ${f(result.baselineScores.auc)}  precision@top-10% ${f(result.baselineScores.precisionTop10)}`);
const gain = result.modelScores.auc !== null && result.baselineScores.auc !== null ? result.modelScores.auc - result.baselineScores.auc : null;
console.log(`AUC gain over recency: ${gain === null ? 'n/a' : gain.toFixed(4)} (target >= 0.05)`);
const riskiest = [...result.test].sort((a, b) => predictChurn(m, b.raw).risk - predictChurn(m, a.raw).risk || a.memberId.localeCompare(b.memberId))[0];
if (riskiest) {
  const p = predictChurn(m, riskiest.raw);
  console.log(
    `example: member ${riskiest.memberId} at ${day(riskiest.at)}, risk ${p.risk.toFixed(2)}: ` +
      p.reasons.map((r) => `${r.feature}=${Number(r.value.toFixed(2))} (typical ${Number(r.typical.toFixed(2))}, ${r.direction} ${Math.abs(r.contribution).toFixed(2)})`).join('; '),
  );
}
console.log(JSON.stringify({ model: round(result.modelScores), baseline: round(result.baselineScores) }));
