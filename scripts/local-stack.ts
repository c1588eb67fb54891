/**
 * The local product stack, used by `npm run dev` and the end-to-end test: migrations
 * applied to a local D1, `wrangler dev`, the demo forum, and the built extension.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const extensionDir = path.join(root, 'extension/.output/chrome-mv3');
const wranglerBin = path.join(root, 'node_modules/wrangler/bin/wrangler.js');
const wxtBin = path.join(root, 'node_modules/wxt/bin/wxt.mjs');

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: process.env.CI ?? 'true' };

function run(cmd: string, args: string[], what: string) {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Applies migrations/ to the local D1 (in `persistTo`, or wrangler's default .wrangler/state). */
export function applyMigrations(persistTo?: string): string {
  return run(
    process.execPath,
    [wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', ...(persistTo ? ['--persist-to', persistTo] : [])],
    'wrangler d1 migrations apply',
  );
}

/** Runs SQL against the local D1 and returns the rows. */
export function queryLocalD1<T = Record<string, unknown>>(sql: string, persistTo?: string): T[] {
  const out = run(
    process.execPath,
    [wranglerBin, 'd1', 'execute', 'DB', '--local', '--json', '--command', sql, ...(persistTo ? ['--persist-to', persistTo] : [])],
    'wrangler d1 execute',
  );
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as Array<{ results: T[] }>;
  return parsed.flatMap((r) => r.results);
}

/**
 * Reads the local D1's SQLite file directly (node:sqlite, read-only), for polling in tests
 * while `wrangler dev` holds the database: much faster than spawning `wrangler d1 execute`.
 */
/** The SQLite file behind the local D1 that `wrangler dev --persist-to persistTo` uses. */
export function localD1File(persistTo: string): string {
  const dir = path.join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return path.join(dir, file);
}

export function readLocalD1<T = Record<string, unknown>>(sql: string, persistTo: string): T[] {
  const db = new DatabaseSync(localD1File(persistTo), { readOnly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export function buildExtension(): string {
  run(process.execPath, [wxtBin, 'build', 'extension'], 'wxt build');
  return extensionDir;
}

export const SECRET_NAMES = ['PSEUDONYM_KEY', 'ADMIN_TOKEN', 'DISPLAY_NAME_KEY'] as const;

/** Fresh random values for the Worker's secrets (tests, and a first `npm run dev`). */
export function randomSecrets(): Record<(typeof SECRET_NAMES)[number], string> {
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, randomBytes(32).toString('hex')])) as Record<
    (typeof SECRET_NAMES)[number],
    string
  >;
}

/**
 * `.dev.vars` with the Worker's secrets for local development, each written once and then
 * kept (pseudonyms and encrypted names must stay readable). Returns their values.
 */
export function ensureDevVars(): Record<string, string> {
  const file = path.join(root, '.dev.vars');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]!] = m[2]!;
  }
  let changed = false;
  for (const [name, value] of Object.entries(randomSecrets())) {
    if (!values[name] || values[name]!.length < 32) {
      values[name] = value;
      changed = true;
    }
  }
  if (changed) {
    writeFileSync(file, `${Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
  }
  return values;
}

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  logs: () => string;
  stop: () => Promise<void>;
}

/** Starts `wrangler dev` on a local D1 and waits until /v1/health answers. */
export async function startWorker(opts: {
  port: number;
  persistTo?: string;
  vars?: Record<string, string>;
  inherit?: boolean;
  timeoutMs?: number;
  /** Another wrangler config (benchmarks raise the rate limit). */
  config?: string;
  /** Exposes /__scheduled, to run the cron's work on demand. */
  testScheduled?: boolean;
  /** wrangler's log level (default warn; info shows the Worker's console.log). */
  logLevel?: 'warn' | 'info' | 'log';
  /**
   * wrangler dev's local trace collector (on by default in wrangler): it writes a trace of
   * every request into a local SQLite store, with an fsync, which doubles a request's
   * cost in the local runtime. `npm run dev` keeps it (its traces show in the local
   * explorer); tests and benchmarks, which measure the Worker and not wrangler, turn it off.
   */
  localTraces?: boolean;
}): Promise<RunningWorker> {
  const args = [
    wranglerBin,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--inspector-port',
    '0',
    '--show-interactive-dev-session=false',
    '--log-level',
    opts.logLevel ?? 'warn',
    ...(opts.persistTo ? ['--persist-to', opts.persistTo] : []),
    ...(opts.config ? ['--config', opts.config] : []),
    ...(opts.testScheduled ? ['--test-scheduled'] : []),
    ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, X_LOCAL_OBSERVABILITY: opts.localTraces ? 'true' : 'false' },
    stdio: opts.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer on ${url} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, process: child, logs: () => output, stop };
}
