/**
 * The reference for ingest: the raw rate of inserting the same rows into SQLite on this
 * machine (node:sqlite, the SQLite library D1 itself is built on), into a file database
 * with the project's migrations applied (same table, same indexes), one transaction of
 * prepared single-row INSERTs per batch. Foreign keys are off, so the reference does less
 * work than D1 does: the ratio errs against us.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EventRow } from '../../worker/src/services/ingest';
import { root } from '../local-stack';

export function migratedDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  const dir = path.join(root, 'migrations');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const statement of readFileSync(path.join(dir, f), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) db.exec(statement);
    }
  }
  return db;
}

/** Inserts `rows` in batches of `batchSize`; returns rows per second. */
export function sqliteInsertRate(rows: readonly EventRow[], batchSize = 500): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pulse-sqlite-ref-'));
  const db = migratedDatabase(path.join(dir, 'ref.sqlite'));
  try {
    db.exec('PRAGMA foreign_keys = OFF');
    const insert = db.prepare(
      `INSERT INTO events (id, site_id, member_id, type, ts, received_at, thread_ext_id, post_ext_id, value, props)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) {
      db.exec('BEGIN');
      for (const r of rows.slice(i, i + batchSize)) {
        insert.run(r.id, r.siteId, r.memberId ?? null, r.type, r.ts, r.receivedAt, r.threadExtId ?? null, r.postExtId ?? null, r.value ?? null, r.props ?? null);
      }
      db.exec('COMMIT');
    }
    const seconds = (performance.now() - t0) / 1000;
    const stored = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    if (stored !== rows.length) throw new Error(`reference stored ${stored} of ${rows.length} rows`);
    return rows.length / seconds;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
