import type { D1PreparedStatement } from '@cloudflare/workers-types';
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';

const dialect = new SQLiteSyncDialect();

/** A raw `sql` statement prepared for a D1 batch (drizzle's batch takes query builders only). */
export function prepareRaw(db: Db, statement: SQL): D1PreparedStatement {
  const q = dialect.sqlToQuery(statement);
  return db.$client.prepare(q.sql).bind(...q.params);
}

/** Runs raw statements in one D1 batch: one transaction. */
export async function rawBatch(db: Db, statements: SQL[]) {
  return db.$client.batch(statements.map((s) => prepareRaw(db, s)));
}
