import type { D1PreparedStatement, D1Result } from '@cloudflare/workers-types';
import { is, SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

const dialect = new SQLiteSyncDialect();

/** A raw `sql` statement prepared for a D1 batch (drizzle's batch takes query builders only). */
export function prepareRaw(db: Db, statement: SQL): D1PreparedStatement {
  const q = dialect.sqlToQuery(statement);
  return db.$client.prepare(q.sql).bind(...q.params);
}

/** A raw `sql` statement, a drizzle query builder (anything with toSQL) or a prepared D1 statement. */
export type BatchItem = SQL | { toSQL(): { sql: string; params: unknown[] } } | D1PreparedStatement;

function prepareItem(db: Db, item: BatchItem): D1PreparedStatement {
  if (is(item, SQL)) return prepareRaw(db, item);
  if (typeof (item as { toSQL?: unknown }).toSQL === 'function') {
    const q = (item as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    return db.$client.prepare(q.sql).bind(...q.params);
  }
  return item as D1PreparedStatement;
}

/**
 * Runs statements of any of those kinds in one D1 batch (one transaction), results in
 * order. drizzle-orm 0.45's batch() cannot take a raw statement with bound parameters.
 */
export async function rawBatch(db: Db, items: readonly BatchItem[]): Promise<D1Result[]> {
  if (items.length === 0) return [];
  return db.$client.batch(items.map((item) => prepareItem(db, item)));
}

/** The rows a statement of a raw batch returned. */
export function rowsOf<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}
