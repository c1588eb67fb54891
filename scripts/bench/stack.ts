/**
 * The Worker the benchmarks measure: `wrangler dev` on a fresh local D1, started from a
 * copy of wrangler.toml whose per-token rate limit is raised (the limiter answers 429
 * by design, and is tested on its own; here we measure the service behind it), with a
 * community made through the admin API the way an operator makes one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../extension/e2e/free-port';
import { applyMigrations, randomSecrets, root, startWorker, type RunningWorker } from '../local-stack';

export interface BenchStack {
  worker: RunningWorker;
  d1: string;
  secrets: ReturnType<typeof randomSecrets>;
  stop(): Promise<void>;
}

export function benchConfig(dir: string): string {
  const text = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
    .replace(/^main = .*$/m, `main = ${JSON.stringify(path.join(root, 'worker/src/index.ts'))}`)
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(path.join(root, 'migrations'))}`)
    .replace(/simple = \{ limit = \d+, period = 60 \}/, 'simple = { limit = 100000000, period = 60 }');
  if (!text.includes('limit = 100000000')) throw new Error('wrangler.toml: rate limit entry not found');
  const file = path.join(dir, 'wrangler.toml');
  writeFileSync(file, text);
  return file;
}

/** `seed` writes into the migrated local D1 before the Worker opens it. */
export async function startBenchStack(seed?: (persistTo: string) => void): Promise<BenchStack> {
  const d1 = mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-'));
  applyMigrations(d1);
  seed?.(d1);
  const secrets = randomSecrets();
  const worker = await startWorker({
    port: await freePort(),
    persistTo: d1,
    vars: secrets,
    config: benchConfig(d1),
    testScheduled: true,
    logLevel: 'log',
  });
  return {
    worker,
    d1,
    secrets,
    async stop() {
      await worker.stop();
      rmSync(d1, { recursive: true, force: true });
    },
  };
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface BenchCommunity {
  site: string;
  owner: string;
  /** Joins a new account with an invite of this role; returns its token. */
  join(role?: 'member' | 'moderator' | 'owner'): Promise<string>;
}

export async function newBenchCommunity(stack: BenchStack, site = 'https://forum.bench.example'): Promise<BenchCommunity> {
  const url = stack.worker.url;
  const post = (p: string, body: unknown, token?: string) =>
    fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const created = await json<{ code: string }>(
    await post('/v1/admin/communities', { name: 'Bench', sites: [{ origin: site, engine: 'discourse' }] }, stack.secrets.ADMIN_TOKEN),
    'create community',
  );
  const owner = (await json<{ token: string }>(await post('/v1/join', { code: created.code }), 'join owner')).token;
  return {
    site,
    owner,
    async join(role = 'member') {
      const invite = await json<{ code: string }>(await post('/v1/invites', { role }, owner), 'invite');
      return (await json<{ token: string }>(await post('/v1/join', { code: invite.code }), 'join')).token;
    },
  };
}
