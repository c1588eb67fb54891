import { readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import type { ImportBatch } from '../../shared/schemas/import';
import { SENTIMENT_MODEL_VERSION } from '../../shared/sentiment/index';
import { stackExchangeBatches } from '../../scripts/import/stackexchange-batches';

const DAY = 86_400_000;

async function admin<T>(workerUrl: string, token: string, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${workerUrl}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A community with one Discourse site, made by the operator; its id and the owner's invite code. */
export async function createCommunity(workerUrl: string, adminToken: string, site: string, name: string) {
  const body = await admin<{ code: string; community: { id: number } }>(workerUrl, adminToken, '/v1/admin/communities', {
    name,
    sites: [{ origin: site, engine: 'discourse' }],
  });
  return { id: body.community.id, ownerCode: body.code };
}

/** One more invite of the community, by the operator. */
export async function adminInvite(workerUrl: string, adminToken: string, communityId: number, role: 'owner' | 'moderator' | 'member') {
  return (await admin<{ code: string }>(workerUrl, adminToken, `/v1/admin/communities/${communityId}/invites`, { role })).code;
}

/**
 * Imports a real Stack Exchange dump (the importer of `npm run import`) into the
 * community, its timeline mapped linearly onto the `spanDays` days before `now` so the
 * dashboard's 7 / 30 / 90-day ranges hold its activity. Returns the import's counts.
 */
export async function importStackExchange(opts: {
  workerUrl: string;
  adminToken: string;
  communityId: number;
  site: string;
  dir: string;
  now: number;
  spanDays: number;
}) {
  const batches: ImportBatch[] = [];
  const gen = stackExchangeBatches(opts.dir, opts.site);
  let next = await gen.next();
  while (!next.done) {
    batches.push(next.value);
    next = await gen.next();
  }
  const times = batches.flatMap((b) => [...b.posts.map((p) => p.createdAt), ...b.events.map((e) => e.ts)]).flatMap((t) => (t ? [Date.parse(t)] : []));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const end = opts.now - 3_600_000;
  const start = end - opts.spanDays * DAY;
  const move = (iso: string | null | undefined) =>
    iso ? new Date(start + ((Date.parse(iso) - first) / Math.max(1, last - first)) * (end - start)).toISOString() : null;
  for (const b of batches) {
    const shifted: ImportBatch = {
      ...b,
      threads: b.threads.map((t) => ({ ...t, createdAt: move(t.createdAt) })),
      posts: b.posts.map((p) => ({ ...p, createdAt: move(p.createdAt) })),
      events: b.events.map((e) => ({ ...e, ts: move(e.ts)! })),
    };
    await admin(opts.workerUrl, opts.adminToken, `/v1/admin/communities/${opts.communityId}/import`, shifted);
  }
  return { ...next.value, batches: batches.length };
}

function openD1(persistTo: string): DatabaseSync {
  const dir = path.join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return new DatabaseSync(path.join(dir, file));
}

/**
 * A negative burst in a thread: `negative` of `posts` replies in the last three hours
 * scored negative with high confidence (as the sentiment model stores them). Written
 * straight into the local D1 while the Worker is stopped, so the test does not depend on
 * the model's weights.
 */
export function seedNegativeBurst(persistTo: string, site: string, thread: { id: string; title: string; url: string }, now: number, posts = 9, negative = 7) {
  const db = openD1(persistTo);
  try {
    const { id: siteId } = db.prepare('SELECT id FROM sites WHERE origin = ?').get(site) as { id: number };
    const score = db.prepare(
      `INSERT OR IGNORE INTO text_scores (text_hash, model_version, label, negative, neutral, positive, confidence, toxic, offensive, hate, language, source, created_at)
       VALUES (?, ?, ?, ?, 0.05, ?, 0.9, 0.1, 0.1, 0.01, 'en', 'worker', ?)`,
    );
    score.run('e2e-negative', SENTIMENT_MODEL_VERSION, 'negative', 0.9, 0.05, now);
    score.run('e2e-positive', SENTIMENT_MODEL_VERSION, 'positive', 0.05, 0.9, now);
    db.prepare('INSERT OR IGNORE INTO threads (site_id, ext_id, title, url, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      siteId,
      thread.id,
      thread.title,
      thread.url,
      now,
      now,
    );
    const post = db.prepare(
      'INSERT INTO posts (site_id, ext_id, thread_ext_id, post_number, created_at, text_hash, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let n = 1; n <= posts; n++) {
      const at = now - 3 * 3_600_000 + n * 10 * 60_000;
      post.run(siteId, `e2e-burst-${n}`, thread.id, null, at, n <= negative ? 'e2e-negative' : 'e2e-positive', at, at);
    }
  } finally {
    db.close();
  }
}
