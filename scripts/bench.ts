/**
 * npm run bench [-- --only ingest,annotate,recs,rollup,sizes,content,load] [--load-seconds 60]
 *
 * Prints one JSON line per figure on stdout ({"name", "value", "unit"} plus "reference"
 * where there is one); progress goes to stderr. Runs the Worker with `wrangler dev` on a
 * fresh local D1, and the built extension in Chromium (build it first: npm run build:ext).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchAnnotate } from './bench/annotate';
import { benchContentScript } from './bench/content-script';
import { benchIngest } from './bench/ingest';
import { benchLoad } from './bench/load';
import { benchRecommendations } from './bench/recs';
import { benchRollup } from './bench/rollup';
import { progress } from './bench/report';
import { benchSizes } from './bench/sizes';
import { newBenchCommunity, startBenchStack } from './bench/stack';
import { extensionDir } from './local-stack';

const ALL = ['sizes', 'ingest', 'annotate', 'recs', 'rollup', 'content', 'load'] as const;
type Part = (typeof ALL)[number];

const { values } = parseArgs({
  options: { only: { type: 'string' }, 'load-seconds': { type: 'string' }, 'rollup-events': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write(`usage: npm run bench [-- --only ${ALL.join(',')}] [--load-seconds 60] [--rollup-events 1000000]\n`);
  process.exit(0);
}
const parts = new Set<Part>((values.only?.split(',').map((s) => s.trim()) ?? ALL) as Part[]);
for (const p of parts) {
  if (!ALL.includes(p)) {
    process.stderr.write(`bench: unknown part "${p}" (parts: ${ALL.join(', ')})\n`);
    process.exit(2);
  }
}
const loadSeconds = Number(values['load-seconds'] ?? 60);
if (!(loadSeconds > 0 && loadSeconds <= 600)) {
  process.stderr.write('bench: --load-seconds must be between 1 and 600\n');
  process.exit(2);
}
const rollupEvents = Number(values['rollup-events'] ?? 1_000_000);
if (!Number.isInteger(rollupEvents) || rollupEvents < 1_000 || rollupEvents > 10_000_000) {
  process.stderr.write('bench: --rollup-events must be an integer between 1000 and 10000000\n');
  process.exit(2);
}
if ((parts.has('sizes') || parts.has('content')) && !existsSync(path.join(extensionDir, 'manifest.json'))) {
  process.stderr.write('bench: build the extension first (npm run build:ext)\n');
  process.exit(2);
}

if (parts.has('sizes')) benchSizes();
const needsWorker = [...parts].some((p) => p !== 'sizes' && p !== 'rollup');
if (needsWorker) {
  progress('starting wrangler dev on a fresh local D1');
  const stack = await startBenchStack();
  try {
    const community = await newBenchCommunity(stack);
    let members: string[] = [];
    if (parts.has('ingest') || parts.has('recs') || parts.has('annotate')) members = await benchIngest(stack, community, parts.has('ingest') ? 40_000 : 2_000);
    if (parts.has('annotate')) await benchAnnotate(stack, community);
    if (parts.has('recs')) await benchRecommendations(stack, community, members);
    if (parts.has('content')) await benchContentScript(stack);
    if (parts.has('load')) await benchLoad(stack, community, { seconds: loadSeconds });
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\nWorker output:\n${stack.worker.logs().slice(-3000)}\n`);
    process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}
// Last: a Worker of its own, over a million events.
if (parts.has('rollup')) {
  try {
    await benchRollup(rollupEvents);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  }
}
