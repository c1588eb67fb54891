import type { D1PreparedStatement } from '@cloudflare/workers-types';
import type { Db } from '../db/client';
import type { events } from '../db/schema';

export type EventRow = typeof events.$inferInsert;

/**
 * Serialised rows one INSERT carries at most. D1 caps a statement at 100 bound parameters
 * and 100 KB of SQL text, and a string value at 2 MB: a row set goes in as one bound JSON
 * text, kept well under that cap.
 */
export const MAX_EVENTS_JSON_BYTES = 512 * 1024;

const COLUMNS = ['id', 'siteId', 'memberId', 'type', 'ts', 'receivedAt', 'threadExtId', 'postExtId', 'value', 'props'] as const;

function tuple(r: EventRow): unknown[] {
  return COLUMNS.map((c) => r[c] ?? null);
}

const INSERT_FROM_JSON = `INSERT INTO events (id, site_id, member_id, type, ts, received_at, thread_ext_id, post_ext_id, value, props)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9
  FROM json_each(?) WHERE true
  ON CONFLICT(id) DO NOTHING`;

/**
 * Rows the INSERT just before it stored: SQLite's changes() counts the statement's own
 * rows, not those its triggers touch (member_activity invalidation), which D1's
 * `meta.changes` includes. (RETURNING would tell the same with one result row per event:
 * D1 hands rows over one by one, ~1 ms per 500.)
 */
const STORED = 'SELECT changes() AS stored';

/** Rows those statements stored (the sum of their `stored` answers). */
export function storedCount(results: ReadonlyArray<{ results?: unknown[] }>): number {
  let sum = 0;
  for (const r of results) for (const row of (r.results ?? []) as Array<{ stored?: number }>) sum += row.stored ?? 0;
  return sum;
}

/** Splits rows into JSON arrays of tuples of at most `maxBytes` each (a row never splits). */
export function eventJsonChunks(rows: readonly EventRow[], maxBytes = MAX_EVENTS_JSON_BYTES): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const r of rows) {
    const part = JSON.stringify(tuple(r));
    if (parts.length > 0 && size + part.length + 1 > maxBytes) {
      out.push(`[${parts.join(',')}]`);
      parts = [];
      size = 2;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length > 0) out.push(`[${parts.join(',')}]`);
  return out;
}

/**
 * Statements that store events idempotently (ON CONFLICT(id) DO NOTHING), each binding a
 * single parameter: the rows as a JSON array of column tuples, unpacked by SQLite's
 * json_each. One statement per ~500 events instead of one per 10 (at 10 columns a row,
 * a multi-row VALUES list stops at 10 rows under D1's 100-parameter cap). Each is
 * followed by a statement answering how many it stored (storedCount sums them).
 * Run them with rawBatch (db/raw-batch.ts).
 * (`WHERE true` resolves SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.)
 */
export function insertEventStatements(db: Db, rows: readonly EventRow[]): D1PreparedStatement[] {
  const insert = db.$client.prepare(INSERT_FROM_JSON);
  const stored = db.$client.prepare(STORED);
  return eventJsonChunks(rows).flatMap((json) => [insert.bind(json), stored]);
}
