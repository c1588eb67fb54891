import type { D1Result } from '@cloudflare/workers-types';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { prepareRaw } from '../db/raw-batch';
import type { SiteRef } from './communities';
import { lookupScores, type StoredScore } from './text-scores';

/** Raw statements in one D1 batch (one round trip, one transaction), results in order. */
export function runBatch(db: Db, statements: readonly SQL[]): Promise<D1Result[]> {
  return db.$client.batch(statements.map((s) => prepareRaw(db, s)));
}

export interface PageContext {
  /** The page's site, when it is one of the caller's community's. */
  site: SiteRef | null;
  /** The owner's per-member scores switch. */
  memberScores: boolean;
  /** Pseudonyms of people who deleted their data: never recorded again. */
  erased: Set<string>;
  /** Account of each linked pseudonym (members see only their own score). */
  owners: Map<string, string>;
  /** Members whose encrypted name is already stored (not encrypted again). */
  named: Set<string>;
  /** Stored scores under the current model, by text hash. */
  scores: Map<string, StoredScore>;
}

/** Everything annotate must know before writing, read in one batch. */
export async function pageContext(
  db: Db,
  communityId: number,
  origin: string,
  memberIds: readonly string[],
  textHashes: Iterable<string>,
): Promise<PageContext> {
  const ids = sql`(SELECT value FROM json_each(${JSON.stringify([...new Set(memberIds)])}))`;
  const results = await runBatch(db, [
    sql`SELECT s.id, s.community_id AS communityId, c.member_scores AS memberScores
        FROM communities c LEFT JOIN sites s ON s.community_id = c.id AND s.origin = ${origin}
        WHERE c.id = ${communityId}`,
    sql`SELECT member_id FROM erasures WHERE member_id IN ${ids}`,
    sql`SELECT member_id, account_id FROM identities WHERE member_id IN ${ids}`,
    sql`SELECT id FROM members WHERE id IN ${ids} AND display_name_enc IS NOT NULL`,
    lookupScores(textHashes),
  ]);
  const [community, erased, owners, named, scores] = results.map((r) => r.results as Record<string, unknown>[]);
  const c = community![0] as { id: number | null; communityId: number | null; memberScores: number } | undefined;
  return {
    site: c && c.id !== null ? { id: c.id, communityId: c.communityId! } : null,
    memberScores: c ? Boolean(c.memberScores) : false,
    erased: new Set(erased!.map((r) => r.member_id as string)),
    owners: new Map(owners!.map((r) => [r.member_id as string, r.account_id as string])),
    named: new Set(named!.map((r) => r.id as string)),
    scores: new Map((scores as unknown as StoredScore[]).map((s) => [s.text_hash, s])),
  };
}
