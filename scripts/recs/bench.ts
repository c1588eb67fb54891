/**
 * npx tsx scripts/recs/bench.ts [events]
 *
 * Times the recommender's work on a seeded synthetic community (100k reading events by
 * default): the co-visitation precompute the scheduled job runs, the content index, the
 * popularity prior, and one member's recommendations (median and p95 over 300 members).
 * Pure computation in Node (no D1), CPU time: a Worker runs the same code on the same V8.
 */
import { buildContentIndex } from '../../shared/recommender/content-index';
import { buildNeighbours } from '../../shared/recommender/co-visitation';
import { buildPopularity } from '../../shared/recommender/priors';
import { recommend } from '../../shared/recommender/recommend';
import type { Interaction } from '../../shared/recommender/types';
import { syntheticCommunity } from './synthetic';

const events = Number(process.argv[2] ?? 100_000);
const now = Date.UTC(2025, 0, 1);
const { catalogue, interactions } = syntheticCommunity({ events, threads: 5000, members: 3000, tags: 40, seed: 7, now });

/** CPU time (user + system) of f in ms: what a Worker's CPU limit counts, and less
 * sensitive than wall time to other processes on a shared machine. */
const time = <T>(f: () => T): [T, number] => {
  const t0 = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(t0);
  return [r, (d.user + d.system) / 1000];
};
const say = (s: string) => process.stdout.write(s + '\n');

buildNeighbours(interactions.slice(0, 5000)); // warm up the JIT as a long-lived isolate would be
const runs = [0, 1, 2].map(() => time(() => buildNeighbours(interactions)));
const neighbours = runs[0]![0];
const ms = runs.map((r) => r[1]).sort((a, b) => a - b);
const rows = [...neighbours.values()].reduce((s, l) => s + l.length, 0);
say(`co-visitation precompute: ${interactions.length} events, ${catalogue.length} threads -> ${neighbours.size} threads, ${rows} neighbour rows; median of 3 runs ${ms[1]!.toFixed(0)} ms CPU (min ${ms[0]!.toFixed(0)}, max ${ms[2]!.toFixed(0)})`);
const [content, contentMs] = time(() => buildContentIndex(catalogue));
say(`content index: ${catalogue.length} threads in ${contentMs.toFixed(0)} ms`);
const [popularity, popMs] = time(() => buildPopularity(interactions, { now, halfLifeMs: 7 * 86_400_000 }));
say(`popularity: ${popMs.toFixed(0)} ms`);

const byUser = new Map<string, Interaction[]>();
for (const i of interactions) {
  let l = byUser.get(i.user);
  if (l === undefined) byUser.set(i.user, (l = []));
  l.push(i);
}
const users = [...byUser.keys()].sort().slice(0, 300);
for (const u of users.slice(0, 20)) recommend({ user: u, history: byUser.get(u)!, catalogue, neighbours, popularity, content, now });
const times = users
  .map((u) => time(() => recommend({ user: u, history: byUser.get(u)!, catalogue, neighbours, popularity, content, now }))[1])
  .sort((a, b) => a - b);
const histories = users.map((u) => byUser.get(u)!.length).sort((a, b) => a - b);
say(
  `recommend (k=10, catalogue ${catalogue.length}), CPU: median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} ms over ${users.length} members (median history ${histories[Math.floor(histories.length / 2)]} events)`,
);
