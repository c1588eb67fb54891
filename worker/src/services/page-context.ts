import type { D1Result } from '@cloudflare/workers-types';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { prepareRaw } from '../db/raw-batch';
import type { SiteRef } from './communities';
import { cachedActivityRead } from './activity';
import { type StoredMember, type StoredPage, type StoredPost, type StoredThread, storedMembersSql, storedPageSql } from './page-unchanged';
import { storedEngagementSql } from './scores';
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
  /** What is stored of the page's thread, posts and authors (services/page-unchanged.ts). */
  stored: StoredPage;
  /**
   * Read ahead, for a page that changes nothing: the member_activity cache rows and the
   * stored engagement rows of the page's authors (decoded by the route).
   */
  activityRows: unknown[];
  engagementRows: unknown[];
}

/**
 * Everything annotate must know before writing, read in one batch; and what it answers
 * with when the page changes nothing (no write, so no second round trip).
 */
export async function pageContext(
  db: Db,
  communityId: number,
  page: { site: string; threadId: string; postIds: readonly string[] },
  memberIds: readonly string[],
  textHashes: Iterable<string>,
): Promise<PageContext> {
  const origin = page.site;
  const unique = [...new Set(memberIds)];
  const ids = sql`(SELECT value FROM json_each(${JSON.stringify(unique)}))`;
  const results = await runBatch(db, [
    sql`SELECT s.id, s.community_id AS communityId, c.member_scores AS memberScores
        FROM communities c LEFT JOIN sites s ON s.community_id = c.id AND s.origin = ${origin}
        WHERE c.id = ${communityId}`,
    sql`SELECT member_id FROM erasures WHERE member_id IN ${ids}`,
    sql`SELECT member_id, account_id FROM identities WHERE member_id IN ${ids}`,
    storedMembersSql(ids),
    lookupScores(textHashes),
    ...storedPageSql(communityId, origin, page.threadId, page.postIds),
    cachedActivityRead(unique),
    storedEngagementSql(unique),
  ]);
  const [community, erased, owners, members, scores, thread, posts, activityRows, engagementRows] = results.map(
    (r) => r.results as Record<string, unknown>[],
  );
  const storedMembers = members as unknown as StoredMember[];
  const c = community![0] as { id: number | null; communityId: number | null; memberScores: number } | undefined;
  return {
    site: c && c.id !== null ? { id: c.id, communityId: c.communityId! } : null,
    memberScores: c ? Boolean(c.memberScores) : false,
    erased: new Set(erased!.map((r) => r.member_id as string)),
    owners: new Map(owners!.map((r) => [r.member_id as string, r.account_id as string])),
    named: new Set(storedMembers.filter((m) => m.named).map((m) => m.id)),
    scores: new Map((scores as unknown as StoredScore[]).map((s) => [s.text_hash, s])),
    stored: {
      thread: (thread as unknown as StoredThread[])[0],
      posts: new Map((posts as unknown as StoredPost[]).map((p) => [p.ext_id, p])),
      members: new Map(storedMembers.map((m) => [m.id, m])),
    },
    activityRows: activityRows!,
    engagementRows: engagementRows!,
  };
}
