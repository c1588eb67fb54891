import { sql } from 'drizzle-orm';
import type { CorrectionExportRow, CorrectionRequest } from '../../../shared/schemas/corrections';
import { prepareText } from '../../../shared/sentiment/index';
import { newId } from '../auth/secrets';
import type { Db } from '../db/client';
import type { SiteRef } from './communities';
import { runBatch } from './page-context';
import { insertScores, lookupScores, scoreMissing, type StoredScore, textHash, toxicityLabel } from './text-scores';

/**
 * Moderators' corrections of the model's labels, kept with the post's text (as the model
 * read it) so owners can export them as training data. One correction per post, task and
 * moderator: correcting again replaces it.
 */
export async function saveCorrection(db: Db, site: SiteRef, accountId: string, input: CorrectionRequest, now = Date.now()) {
  const text = prepareText(input.text);
  const hash = await textHash(text);
  const [found] = await runBatch(db, [lookupScores([hash])]);
  const stored = new Map((found!.results as unknown as StoredScore[]).map((s) => [s.text_hash, s]));
  const fresh = scoreMissing(new Map([[hash, text]]), stored);
  const score = stored.get(hash) ?? fresh.get(hash)!;
  const modelLabel = input.task === 'sentiment' ? score.label : toxicityLabel(score);
  const id = newId();
  const scoreInsert = insertScores(fresh.values(), 'worker', now);
  const [, row] = await runBatch(db, [
    scoreInsert ?? sql`SELECT 1`,
    sql`INSERT INTO label_corrections (id, community_id, site_id, post_ext_id, text_hash, task, label, model_label, text, account_id, created_at)
        VALUES (${id}, ${site.communityId}, ${site.id}, ${input.post}, ${hash}, ${input.task}, ${input.label}, ${modelLabel}, ${text}, ${accountId}, ${now})
        ON CONFLICT (site_id, post_ext_id, task, account_id) DO UPDATE SET
          label = excluded.label, model_label = excluded.model_label, text = excluded.text,
          text_hash = excluded.text_hash, created_at = excluded.created_at
        RETURNING id`,
  ]);
  const savedId = (row!.results[0] as { id: string }).id;
  return { id: savedId, task: input.task, label: input.label, modelLabel, createdAt: new Date(now).toISOString() };
}

/** A community's corrections, oldest first (at most `limit`). */
export async function correctionsOf(db: Db, communityId: number, task: 'sentiment' | 'toxicity' | undefined, limit = 100_000): Promise<CorrectionExportRow[]> {
  const rows = await db.all<{ task: 'sentiment' | 'toxicity'; label: string; model_label: string | null; text: string | null; origin: string; post_ext_id: string; created_at: number }>(sql`
    SELECT c.task, c.label, c.model_label, c.text, s.origin, c.post_ext_id, c.created_at
    FROM label_corrections c JOIN sites s ON s.id = c.site_id
    WHERE c.community_id = ${communityId} AND c.text IS NOT NULL ${task ? sql`AND c.task = ${task}` : sql``}
    ORDER BY c.created_at, c.id LIMIT ${limit}`);
  return rows.map((r) => ({
    task: r.task,
    label: r.label,
    modelLabel: r.model_label,
    text: r.text!,
    site: r.origin,
    post: r.post_ext_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

const CSV_COLUMNS = ['task', 'label', 'modelLabel', 'text', 'site', 'post', 'createdAt'] as const;

/**
 * RFC 4180 CSV. Cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR)
 * get a leading apostrophe; every cell is quoted.
 */
export function toCsv(rows: readonly CorrectionExportRow[]): string {
  const cell = (v: string | null) => {
    let s = v ?? '';
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replaceAll('"', '""')}"`;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((k) => cell(r[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJsonl(rows: readonly CorrectionExportRow[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}
