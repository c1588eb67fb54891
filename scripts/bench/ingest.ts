/**
 * ingest_events_per_s: events per second stored through `wrangler dev` + D1, posted by
 * 20 members in batches of 500 (4 requests in flight), checked by counting the rows;
 * ingest_ratio_vs_sqlite: that rate over the raw SQLite insert rate of the same rows
 * measured in the same run (target: at least 0.30).
 */
import { createHash } from 'node:crypto';
import type { PulseEvent } from '../../shared/schemas/events';
import { eventRow } from '../../worker/src/services/ingest';
import { readLocalD1 } from '../local-stack';
import { browsingEvents } from './events';
import { inPool } from './pool';
import { emit, progress } from './report';
import { sqliteInsertRate } from './sqlite-reference';
import type { BenchCommunity, BenchStack } from './stack';

const MEMBERS = 20;
const BATCH = 500;

async function postBatch(url: string, token: string, events: PulseEvent[]): Promise<void> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /v1/events: ${res.status} ${text.slice(0, 200)}`);
}

/** Returns the members' tokens: they have a history now (the recommendations bench uses them). */
export async function benchIngest(stack: BenchStack, community: BenchCommunity, total = 40_000): Promise<string[]> {
  const perMember = Math.ceil(total / MEMBERS / BATCH) * BATCH;
  const tokens = await Promise.all(Array.from({ length: MEMBERS }, () => community.join()));
  const batches: Array<{ token: string; events: PulseEvent[] }> = [];
  const all: PulseEvent[] = [];
  tokens.forEach((token, m) => {
    const events = browsingEvents(perMember, community.site, `ingest_member_${m}`);
    all.push(...events);
    for (let i = 0; i < events.length; i += BATCH) batches.push({ token, events: events.slice(i, i + BATCH) });
  });
  // Interleave members, as many browsers would.
  batches.sort((a, b) => (a.events[0]!.ts < b.events[0]!.ts ? -1 : 1));
  const before = readLocalD1<{ n: number }>('SELECT count(*) AS n FROM events', stack.d1)[0]!.n;

  progress(`ingest: ${all.length} events in ${batches.length} batches of ${BATCH}`);
  const t0 = performance.now();
  await inPool(batches.map((b) => () => postBatch(stack.worker.url, b.token, b.events)), 4);
  const seconds = (performance.now() - t0) / 1000;
  const stored = readLocalD1<{ n: number }>('SELECT count(*) AS n FROM events', stack.d1)[0]!.n - before;
  if (stored !== all.length) throw new Error(`ingest: ${stored} of ${all.length} events stored`);
  const rate = all.length / seconds;

  progress('ingest: raw SQLite reference');
  const receivedAt = Date.now();
  const memberOf = (actor: string | null) => (actor ? createHash('sha256').update(actor).digest('hex').slice(0, 32) : null);
  const rows = all.map((e) => eventRow(e, 1, memberOf(e.actor), receivedAt));
  // The reference swings by a fifth from run to run (the disk's fsync on each commit): the median of three.
  const references = [0, 1, 2].map(() => sqliteInsertRate(rows, BATCH)).sort((a, b) => a - b);
  const reference = references[1]!;

  emit({ name: 'ingest_events_per_s', value: rate, unit: 'events/s', reference, referenceName: 'sqlite_raw_insert_events_per_s', referenceRuns: references.map((r) => Math.round(r)), events: all.length, batch: BATCH, inFlight: 4 });
  emit({ name: 'ingest_ratio_vs_sqlite', value: rate / reference, unit: 'ratio', target: '>= 0.30' });
  return tokens;
}
