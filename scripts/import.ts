/**
 * npm run import -- stackexchange <dump-dir> --community <id> --site <origin> [--worker URL]
 * npm run import -- discourse <export.json|dir> --community <id> --site <origin> [--worker URL]
 *
 * Streams a community's history into the Worker (POST /v1/admin/communities/:id/import),
 * with a progress bar. Idempotent (ids come from the source, rows are upserts) and
 * resumable: the batches already acknowledged are recorded in .import-state/ and skipped
 * on the next run. Needs ADMIN_TOKEN (environment, else .dev.vars).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hc } from 'hono/client';
import type { ImportBatch } from '../shared/schemas/import';
import type { AppType } from '../worker/src/index';
import { discourseBatches } from './import/discourse-batches';
import { stackExchangeBatches } from './import/stackexchange-batches';

const root = path.resolve(import.meta.dirname, '..');

function fail(message: string): never {
  process.stderr.write(`\nimport: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { community: { type: 'string' }, site: { type: 'string' }, worker: { type: 'string' }, restart: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
})();

const [format, source] = positionals;
if (values.help || !format || !source || !values.community || !values.site) {
  process.stdout.write(
    'usage: npm run import -- stackexchange <dump-dir> --community <id> --site <origin> [--worker URL] [--restart]\n' +
      '       npm run import -- discourse <export.json|dir> --community <id> --site <origin> [--worker URL] [--restart]\n',
  );
  process.exit(values.help ? 0 : 2);
}
if (format !== 'stackexchange' && format !== 'discourse') fail(`unknown format "${format}" (stackexchange, discourse)`);
const communityId = Number(values.community);
if (!Number.isInteger(communityId) || communityId < 1) fail('--community must be a community id (a positive integer)');
const site = values.site.replace(/\/+$/, '');

function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  try {
    const m = /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(path.join(root, '.dev.vars'), 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    /* no .dev.vars */
  }
  fail('set ADMIN_TOKEN (the Worker secret), or run `npm run dev` once to create .dev.vars');
}

const worker = (values.worker ?? process.env.WORKER_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
const client = hc<AppType>(worker, { headers: { authorization: `Bearer ${adminToken()}` } });

// Resumability: how many batches of this source have been acknowledged.
const stateDir = path.join(root, '.import-state');
const stateFile = path.join(stateDir, `${createHash('sha256').update(`${format}\n${path.resolve(source)}\n${communityId}\n${site}\n${worker}`).digest('hex').slice(0, 16)}.json`);
let done = 0;
if (!values.restart) {
  try {
    done = JSON.parse(readFileSync(stateFile, 'utf8')).batches ?? 0;
  } catch {
    /* first run */
  }
}
mkdirSync(stateDir, { recursive: true });

let lastDraw = 0;
function bar(fraction: number, label: string, force = false) {
  const now = Date.now();
  if (!force && now - lastDraw < 200) return;
  lastDraw = now;
  const width = 30;
  const filled = Math.round(Math.min(1, fraction) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% ${label}`.padEnd(110));
}

async function send(batch: ImportBatch, attempt = 1): Promise<{ events: { stored: number } }> {
  let res: Response;
  try {
    res = await client.v1.admin.communities[':id'].import.$post({ param: { id: String(communityId) }, json: batch });
  } catch (e) {
    if (attempt < 5) {
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      return send(batch, attempt + 1);
    }
    fail(`cannot reach the Worker at ${worker} (${(e as Error).message}); run again to resume`);
  }
  const body = (await res.json().catch(() => null)) as any;
  if (res.status === 429 || res.status >= 500) {
    if (attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      return send(batch, attempt + 1);
    }
  }
  if (!res.ok) fail(`the Worker refused a batch: ${body?.error?.message ?? `HTTP ${res.status}`}`);
  return body;
}

let index = 0;
let stored = 0;
let fraction = 0;
let label = '';
const started = Date.now();
const batches =
  format === 'stackexchange'
    ? stackExchangeBatches(source, site, (p, c) => {
        fraction = p.dumpBytesRead / p.dumpTotalBytes;
        label = `${p.file} · ${c.threads} threads, ${c.importedPosts} posts, ${c.events} events`;
        bar(fraction, label);
      })
    : discourseBatches(source, site, (p, c) => {
        fraction = p.allBytesRead / p.allTotalBytes;
        label = `${c.topics} topics, ${c.posts} posts`;
        bar(fraction, label);
      });

try {
  let next = await batches.next();
  while (!next.done) {
    if (index >= done) {
      const r = await send(next.value);
      stored += r.events.stored;
      writeFileSync(stateFile, JSON.stringify({ batches: index + 1, at: new Date().toISOString() }));
    }
    index++;
    bar(fraction, `${label} · batch ${index}`);
    next = await batches.next();
  }
  bar(1, label, true);
  process.stderr.write('\n');
  const counts = next.value;
  process.stdout.write(
    `${JSON.stringify({ format, community: communityId, site, batches: index, skipped: Math.min(done, index), newEvents: stored, read: counts, seconds: (Date.now() - started) / 1000 })}\n`,
  );
} catch (e) {
  fail((e as Error).message);
}
