import { type SQL, sql } from 'drizzle-orm';
import type { events } from '../db/schema';

export type EventRow = typeof events.$inferInsert;

/** An event row whose site is still its origin: the ingest route resolves it inside the INSERT. */
export type OriginEventRow = Omit<EventRow, 'siteId'> & { origin: string };

/**
 * Serialised rows one INSERT carries at most. D1 caps a statement at 100 bound parameters
 * and 100 KB of SQL text, and a string value at 2 MB: a row set goes in as one bound JSON
 * text, kept well under that cap.
 */
export const MAX_EVENTS_JSON_BYTES = 512 * 1024;

const COLUMNS = ['id', 'memberId', 'type', 'ts', 'receivedAt', 'threadExtId', 'postExtId', 'value', 'props'] as const;

/** [id, site id or origin, member id, type, ts, received_at, thread, post, value, props] */
function tuple(r: EventRow | OriginEventRow): unknown[] {
  const [id, ...rest] = COLUMNS.map((c) => r[c] ?? null);
  return [id, 'origin' in r ? r.origin : r.siteId, ...rest];
}

/**
 * How an INSERT turns a tuple's site and member into columns, and which rows it takes:
 * as given (import knows both), or resolved and guarded by the ingest route's checks.
 */
export interface EventInsertScope {
  site: SQL;
  member: SQL;
  where: SQL;
}

const AS_GIVEN: EventInsertScope = { site: sql.raw('value ->> 1'), member: sql.raw('value ->> 2'), where: sql.raw('true') };

// (`WHERE true` resolves SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.)
function insertFromJson(json: string, scope: EventInsertScope): SQL {
  return sql`INSERT INTO events (id, site_id, member_id, type, ts, received_at, thread_ext_id, post_ext_id, value, props)
  SELECT value ->> 0, ${scope.site}, ${scope.member}, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9
  FROM json_each(${json}) WHERE ${scope.where}
  ON CONFLICT(id) DO NOTHING`;
}

/**
 * Rows the INSERT just before it stored: SQLite's changes() counts the statement's own
 * rows, not those its triggers touch (member_activity invalidation), which D1's
 * `meta.changes` includes. (RETURNING would tell the same with one result row per event:
 * D1 hands rows over one by one, ~1 ms per 500.)
 */
const STORED = sql`SELECT changes() AS stored`;

/** Rows those statements stored (the sum of their `stored` answers). */
export function storedCount(results: ReadonlyArray<{ results?: unknown[] }>): number {
  let sum = 0;
  for (const r of results) for (const row of (r.results ?? []) as Array<{ stored?: number }>) sum += row.stored ?? 0;
  return sum;
}

/** Splits rows into JSON arrays of tuples of at most `maxBytes` each (a row never splits). */
export function eventJsonChunks(rows: ReadonlyArray<EventRow | OriginEventRow>, maxBytes = MAX_EVENTS_JSON_BYTES): string[] {
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
 * Statements that store events idempotently (ON CONFLICT(id) DO NOTHING), each binding
 * the rows as one JSON array of column tuples, unpacked by SQLite's json_each: one
 * statement per ~500 events instead of one per 10 (at 10 columns a row, a multi-row
 * VALUES list stops at 10 rows under D1's 100-parameter cap). Each is followed by a
 * statement answering how many it stored (storedCount sums them). Run them with rawBatch
 * (db/raw-batch.ts). Rows with origins need the scope that resolves them.
 */
export function insertEventStatements(rows: readonly EventRow[]): SQL[];
export function insertEventStatements(rows: readonly OriginEventRow[], scope: EventInsertScope): SQL[];
export function insertEventStatements(rows: ReadonlyArray<EventRow | OriginEventRow>, scope: EventInsertScope = AS_GIVEN): SQL[] {
  return eventJsonChunks(rows).flatMap((json) => [insertFromJson(json, scope), STORED]);
}
