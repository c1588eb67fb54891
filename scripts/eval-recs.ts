/**
 * npm run eval:recs -- movielens <dir> [--params <json>]
 * npm run eval:recs -- stackexchange <dump-dir> [--protocol replay|members] [--params <json>]
 *
 * Scores the hybrid recommender (shared/recommender), item similarity alone (the same
 * co-visitation neighbours), popularity and random, in one run on the same members:
 * recall@10 and nDCG@10 with binary relevance (scripts/recs/metrics.ts). The last line is
 * one JSON object {"hybrid": {"recall@10", "ndcg@10"}, "itemsim": ..., "popularity": ...,
 * "random": ...}.
 *
 * Parameters are tuned on a validation slice carved from the training period only
 * (coordinate descent, scripts/recs/tune.ts): first the co-visitation parameters for item
 * similarity alone, then the hybrid's blend on those neighbours. --params '{"neighbours":
 * {...}, "blend": {...}}' skips tuning (e.g. to rerun with the printed choice).
 *
 * MovieLens 100k: train u1.base, test u1.test (the official split); a hit is a test rating
 * >= 4 of a movie the member has not rated in u1.base; validation: a seeded fifth of each
 * member's u1.base ratings.
 * Stack Exchange: rolling time cuts at event quantiles; at each cut T the model learns from
 * everything before T and must find, for each member active before T, the questions they
 * answer or comment on between T and the next cut that they had not touched before T
 * (scripts/recs/stackexchange.ts: `replay` asks at the moment of each first answer or
 * comment, with the questions that existed then; `members` asks once at T, among the
 * questions that existed at T). Test cuts at quantiles 0.5, 0.6, 0.7, 0.8, 0.9 (the last runs to the end of the dump);
 * validation cuts at 0.3 and 0.4 end where the first test window begins.
 */
import { parseArgs } from 'node:util';
import type { RecsProblem } from './recs/dataset';
import { compareMethods, neighboursFor, scoreHybrid, scoreItemSim, type MethodScores } from './recs/compare';
import { carveValidation, movieLensProblem, readMovieLens, type RatingWeighting } from './recs/movielens';
import { BLEND_GRID, NEIGHBOUR_GRID, START_BLEND, START_NEIGHBOURS, type BlendParams, type NeighbourParams } from './recs/params';
import { eventQuantile, readStackExchange, stackExchangeProblem, type Protocol } from './recs/stackexchange';
import { coordinateDescent } from './recs/tune';

const SEED = 20240607;
const say = (line: string): void => void process.stdout.write(line + '\n');
function fail(message: string): never {
  process.stderr.write(`eval-recs: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { params: { type: 'string' }, protocol: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
})();
if (values.help || positionals.length !== 2 || !['movielens', 'stackexchange'].includes(positionals[0]!)) {
  say('usage: npm run eval:recs -- movielens <dir> [--params <json>]');
  say('       npm run eval:recs -- stackexchange <dump-dir> [--protocol replay|members] [--params <json>]');
  process.exit(values.help ? 0 : 2);
}
const [dataset, dir] = positionals as [string, string];
const protocol = (values.protocol ?? 'replay') as Protocol;
if (protocol !== 'replay' && protocol !== 'members') fail(`--protocol must be replay or members, not ${protocol}`);
const given = values.params ? (JSON.parse(values.params) as { neighbours?: NeighbourParams; blend?: BlendParams; weighting?: RatingWeighting }) : undefined;

const fmt = (x: number): string => x.toFixed(4);
function describe(label: string, folds: readonly RecsProblem[]): void {
  for (const p of folds) {
    const rel = p.cases.reduce((s, c) => s + c.relevant.size, 0);
    say(`${label} ${p.name}: ${p.train.length} training interactions, ${p.catalogue.length} items, ${p.cases.length} cases, ${rel} hits to find`);
  }
}

function tune(validation: readonly RecsProblem[]): { neighbours: NeighbourParams; blend: BlendParams } {
  say('tuning co-visitation for item similarity alone (validation nDCG@10):');
  const n = coordinateDescent(START_NEIGHBOURS, NEIGHBOUR_GRID, (np) => scoreItemSim(validation, np)['ndcg@10'], { log: say });
  say(`tuning the hybrid's blend on those neighbours (validation nDCG@10):`);
  const b = coordinateDescent(START_BLEND, BLEND_GRID, (bp) => scoreHybrid(validation, n.best, bp)['ndcg@10'], { log: say });
  say(`tuned with ${n.evaluations + b.evaluations} validation runs`);
  return { neighbours: n.best, blend: b.best };
}

function report(scores: MethodScores): void {
  say('');
  say(`method       recall@10  nDCG@10   (cases: ${scores.hybrid.cases})`);
  for (const m of ['hybrid', 'itemsim', 'popularity', 'random', 'newest'] as const) {
    say(`${m.padEnd(12)} ${fmt(scores[m]['recall@10'])}     ${fmt(scores[m]['ndcg@10'])}`);
  }
  const h = scores.hybrid['ndcg@10'];
  const pop = scores.popularity['ndcg@10'];
  const sim = scores.itemsim['ndcg@10'];
  say('(newest = newest threads first, a reference beside the four methods; not in the JSON line)');
  say(`hybrid vs popularity: ${pop > 0 ? `${((h / pop - 1) * 100).toFixed(1)}%` : 'n/a'} nDCG@10; vs item similarity: ${sim > 0 ? `${((h / sim - 1) * 100).toFixed(1)}%` : 'n/a'}`);
  const json: Record<string, { 'recall@10': number; 'ndcg@10': number }> = {};
  for (const m of ['hybrid', 'itemsim', 'popularity', 'random'] as const) {
    json[m] = { 'recall@10': Number(fmt(scores[m]['recall@10'])), 'ndcg@10': Number(fmt(scores[m]['ndcg@10'])) };
  }
  say(JSON.stringify(json));
}

function timedNeighbours(p: RecsProblem, np: NeighbourParams): void {
  const t0 = performance.now();
  const n = neighboursFor(p, np);
  say(`co-visitation precompute on ${p.name}: ${p.train.length} interactions -> ${n.size} items with neighbours in ${(performance.now() - t0).toFixed(0)} ms`);
}

if (dataset === 'movielens') {
  const data = (() => {
    try {
      return readMovieLens(dir);
    } catch (e) {
      fail(`cannot read MovieLens from ${dir}: ${(e as Error).message}`);
    }
  })();
  say(`MovieLens: ${data.catalogue.length} movies, u1.base ${data.base.length} ratings, u1.test ${data.test.length}; hit = test rating >= 4`);
  const minRating = 4;
  let weighting: RatingWeighting = given?.weighting ?? 'rating';
  let params = given?.neighbours && given.blend ? { neighbours: given.neighbours, blend: given.blend } : undefined;
  if (params === undefined) {
    const { fit, validation } = carveValidation(data.base, 0.2, SEED);
    const val = (w: RatingWeighting) => movieLensProblem('validation', fit, validation, data.catalogue, { minRating, weighting: w });
    const valRating = val('rating');
    describe('validation', [valRating]);
    params = tune([valRating]);
    const valBinary = val('binary');
    const r = scoreHybrid([valRating], params.neighbours, params.blend)['ndcg@10'];
    const b = scoreHybrid([valBinary], params.neighbours, params.blend)['ndcg@10'];
    weighting = b > r ? 'binary' : 'rating';
    say(`interaction weight: rating ${fmt(r)} vs binary ${fmt(b)} on validation -> ${weighting}`);
  }
  say(`params: ${JSON.stringify({ ...params, weighting })}`);
  const test = movieLensProblem('u1', data.base, data.test, data.catalogue, { minRating, weighting });
  describe('test', [test]);
  timedNeighbours(test, params.neighbours);
  report(compareMethods([test], params.neighbours, params.blend, SEED));
} else {
  const dump = await (async () => {
    try {
      return await readStackExchange(dir);
    } catch (e) {
      fail(`cannot read the dump in ${dir}: ${(e as Error).message}`);
    }
  })();
  say(`Stack Exchange: ${dump.questions.length} questions, ${dump.events.length} interactions (ask, answer, comment, favourite), protocol: ${protocol}`);
  const q = (f: number): number => (f >= 1 ? Infinity : eventQuantile(dump.events, f));
  const folds = (cuts: number[], label: string): RecsProblem[] =>
    cuts.map((c) => {
      const t = q(c);
      const end = q(Math.round((c + 0.1) * 10) / 10);
      const name = `${label}@${c} ${new Date(t).toISOString().slice(0, 10)}..${Number.isFinite(end) ? new Date(end).toISOString().slice(0, 10) : 'end'}`;
      return stackExchangeProblem(dump, t, end, protocol, name);
    });
  let params = given?.neighbours && given.blend ? { neighbours: given.neighbours, blend: given.blend } : undefined;
  if (params === undefined) {
    const validation = folds([0.3, 0.4], 'validation');
    describe('validation', validation);
    params = tune(validation);
  }
  say(`params: ${JSON.stringify(params)}`);
  const test = folds([0.5, 0.6, 0.7, 0.8, 0.9], 'test');
  describe('test', test);
  timedNeighbours(test.at(-1)!, params.neighbours);
  report(compareMethods(test, params.neighbours, params.blend, SEED));
}
