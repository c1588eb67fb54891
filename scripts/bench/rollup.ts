/**
 * rollup_events_per_s: the scheduled job's daily rollups over a community with a million
 * events (60 days, 400 members), written straight into the local D1 file before
 * `wrangler dev` starts on it (a Worker of its own), then rolled up through the cron
 * (/__scheduled); the job's own report (logged) gives each step's time. Also: neighbours_precompute_ms (co-visitation over the newest 100k reading
 * events, the cap in services/neighbours.ts) and scheduled_total_ms.
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { v7 as uuidv7 } from 'uuid';
import { localD1File, readLocalD1 } from '../local-stack';
import { emit, progress } from './report';
import { type BenchStack, startBenchStack } from './stack';

const DAY = 86_400_000;
const TYPES = ['page_view', 'post_seen', 'post_seen', 'post_seen', 'dwell', 'like'] as const;

/** Writes `total` events of `members` new members into the site's history, in the D1 file. */
function seedHistory(persistTo: string, total: number, members: number, days: number): void {
  const db = new DatabaseSync(localD1File(persistTo));
  try {
    db.exec("INSERT INTO communities (name) VALUES ('Rollup bench')");
    const communityId = Number((db.prepare('SELECT max(id) AS id FROM communities').get() as { id: number }).id);
    db.prepare("INSERT INTO sites (community_id, origin, engine) VALUES (?, 'https://rollup.bench.example', 'discourse')").run(communityId);
    const siteId = Number((db.prepare('SELECT max(id) AS id FROM sites').get() as { id: number }).id);
    const start = Date.UTC(2026, 8, 1);
    const ids = Array.from({ length: members }, () => randomBytes(16).toString('hex'));
    db.exec('BEGIN');
    const member = db.prepare('INSERT INTO members (id, site_id, community_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
    for (const id of ids) member.run(id, siteId, communityId, start, start + days * DAY);
    db.exec('COMMIT');
    const insert = db.prepare(
      'INSERT INTO events (id, site_id, member_id, type, ts, received_at, thread_ext_id, post_ext_id, value, props) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)',
    );
    for (let i = 0; i < total; i += 10_000) {
      db.exec('BEGIN');
      for (let j = i; j < Math.min(total, i + 10_000); j++) {
        const type = TYPES[j % TYPES.length]!;
        const ts = start + Math.floor((j / total) * days * DAY);
        const thread = String(10_000 + ((j * 7919) % 3_000));
        insert.run(uuidv7(), siteId, ids[(j * 31) % members]!, type, ts, ts, thread, type === 'post_seen' || type === 'like' ? `${thread}-${j % 20}` : null, type === 'dwell' ? 20_000 : null);
      }
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

interface ScheduledReport {
  ms: { rollups: number; churn: number; neighbours: number; alerts: number };
  rollups: Array<{ siteId: number; days?: number; error?: string }>;
  neighbours: Array<{ siteId: number; events?: number; rows?: number; error?: string }>;
}

export async function benchRollup(total = 1_000_000): Promise<void> {
  progress(`rollup: writing ${total.toLocaleString('en')} events into a fresh local D1`);
  const stack = await startBenchStack((d1) => seedHistory(d1, total, 400, 60));
  try {
    await runRollup(stack, total);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nWorker output:\n${stack.worker.logs().slice(-3000)}`);
  } finally {
    await stack.stop();
  }
}

async function runRollup(stack: BenchStack, total: number): Promise<void> {
  const site = readLocalD1<{ id: number }>(`SELECT id FROM sites WHERE origin = 'https://rollup.bench.example'`, stack.d1)[0]!;

  progress('rollup: running the scheduled job');
  const logsBefore = stack.worker.logs().length;
  const t0 = performance.now();
  // wrangler answers /__scheduled when the job is done, which can take longer than fetch
  // waits for headers: the job's report line in the log is the answer.
  let failure: Error | undefined;
  void fetch(`${stack.worker.url}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`)
    .then(async (res) => {
      await res.text();
      if (!res.ok) failure = new Error(`/__scheduled: ${res.status}`);
    })
    .catch(() => {});
  let report: ScheduledReport | undefined;
  const deadline = Date.now() + 600_000;
  while (!report && !failure && Date.now() < deadline) {
    const line = stack.worker.logs().slice(logsBefore).split('\n').find((l) => l.includes('scheduled: {'));
    if (line) report = JSON.parse(line.slice(line.indexOf('{'))) as ScheduledReport;
    else await new Promise((r) => setTimeout(r, 500));
  }
  if (failure) throw failure;
  if (!report) throw new Error('rollup: the scheduled job did not report in 10 minutes');
  const failed = report.rollups.find((r) => r.siteId === site.id && r.error);
  const neighbours = report.neighbours.find((r) => r.siteId === site.id);
  if (failed) throw new Error(`rollup failed: ${failed.error}`);
  const rows = readLocalD1<{ n: number }>(`SELECT count(*) AS n FROM member_days WHERE site_id = ${site.id}`, stack.d1)[0]!.n;
  if (rows === 0) throw new Error('rollup: no member_days rows were written');
  emit({ name: 'rollup_events_per_s', value: total / (report.ms.rollups / 1000), unit: 'events/s', events: total, ms: report.ms.rollups, memberDays: rows });
  emit({ name: 'neighbours_precompute_ms', value: report.ms.neighbours, unit: 'ms', events: neighbours?.events ?? 0, rows: neighbours?.rows ?? 0, error: neighbours?.error, reference: 30_000, referenceName: 'cron_cpu_limit_ms (paid plan: 30 s per invocation by default)' });
  emit({ name: 'scheduled_total_ms', value: performance.now() - t0, unit: 'ms', steps: report.ms });
}
