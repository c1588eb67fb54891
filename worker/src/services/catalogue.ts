import { sql } from 'drizzle-orm';
import type { AnnotateRequestParsed as AnnotateRequest } from '../../../shared/schemas/annotate';
import type { Db } from '../db/client';
import { posts, threads } from '../db/schema';
import { chunkForInsert } from './chunk-rows';
import { type MemberRow, upsertMembers } from './members';
import type { SiteRef } from './communities';

const toMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The statement recording a thread seen on a page or in a list; re-sending updates it in place. */
export function threadUpsert(db: Db, site: SiteRef, thread: AnnotateRequest['thread'], now: number) {
  return db
    .insert(threads)
    .values({
      siteId: site.id,
      extId: thread.id,
      title: thread.title,
      url: thread.url,
      category: thread.category,
      tags: thread.tags ?? [],
      replyCount: thread.replyCount ?? null,
      likeCount: thread.likeCount ?? null,
      viewCount: thread.viewCount ?? null,
      createdAt: toMs(thread.createdAt),
      firstSeenAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [threads.siteId, threads.extId],
      set: {
        title: sql`coalesce(excluded.title, ${threads.title})`,
        url: sql`coalesce(excluded.url, ${threads.url})`,
        category: sql`coalesce(excluded.category, ${threads.category})`,
        tags: sql`case when excluded.tags = '[]' then ${threads.tags} else excluded.tags end`,
        replyCount: sql`coalesce(excluded.reply_count, ${threads.replyCount})`,
        likeCount: sql`coalesce(excluded.like_count, ${threads.likeCount})`,
        viewCount: sql`coalesce(excluded.view_count, ${threads.viewCount})`,
        createdAt: sql`coalesce(excluded.created_at, ${threads.createdAt})`,
        updatedAt: sql`excluded.updated_at`,
      },
      // A thread sent again unchanged is not rewritten (its updated_at, the catalogue's version, stays).
      setWhere: sql.raw(
        [
          ...['title', 'url', 'category', 'reply_count', 'like_count', 'view_count', 'created_at'].map(
            (c) => `(excluded.${c} IS NOT NULL AND excluded.${c} IS NOT threads.${c})`,
          ),
          `(excluded.tags <> '[]' AND excluded.tags IS NOT threads.tags)`,
        ].join(' OR '),
      ),
    });
}

export type PostRow = typeof posts.$inferInsert;

/** Columns a re-sent post may fill in or change: each keeps its value when the new one is null. */
const MUTABLE = ['author_member_id', 'post_number', 'reply_to_number', 'created_at', 'like_count', 'text_hash'] as const;

/**
 * Statements upserting posts (chunked within D1's bound-parameter limit); re-sending updates in
 * place, and a post sent again unchanged is not written at all (so `meta.changes` counts what
 * changed, its updated_at stays, and the member_activity cache stays warm).
 */
export function postUpserts(db: Db, rows: PostRow[]) {
  return chunkForInsert(rows).map((chunk) =>
    db
      .insert(posts)
      .values(chunk)
      .onConflictDoUpdate({
        target: [posts.siteId, posts.extId],
        set: {
          authorMemberId: sql`coalesce(excluded.author_member_id, ${posts.authorMemberId})`,
          postNumber: sql`coalesce(excluded.post_number, ${posts.postNumber})`,
          replyToNumber: sql`coalesce(excluded.reply_to_number, ${posts.replyToNumber})`,
          createdAt: sql`coalesce(excluded.created_at, ${posts.createdAt})`,
          likeCount: sql`coalesce(excluded.like_count, ${posts.likeCount})`,
          textHash: sql`coalesce(excluded.text_hash, ${posts.textHash})`,
          // Not a bound parameter: a full chunk already binds 100.
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql.raw(MUTABLE.map((c) => `(excluded.${c} IS NOT NULL AND excluded.${c} IS NOT posts.${c})`).join(' OR ')),
      }),
  );
}

/**
 * Statements recording what a page shows: the thread, its posts' authors (as
 * pseudonyms) and the posts with their latest like counts. Re-sending a page
 * updates rows in place; nothing is duplicated.
 */
export function recordPage(
  db: Db,
  site: SiteRef,
  page: Pick<AnnotateRequest, 'thread' | 'posts'>,
  authorIds: ReadonlyMap<string, string>,
  now: number,
  /** Encrypted usernames by member id, stored for owners on first sight. */
  sealedNames: ReadonlyMap<string, string> = new Map(),
  /** SHA-256 of each post's scored text, by post id (services/text-scores.ts). */
  textHashes: ReadonlyMap<string, string> = new Map(),
) {
  const { thread } = page;
  const threadStatement = threadUpsert(db, site, thread, now);

  const memberRows: MemberRow[] = [];
  const postRows = new Map<string, typeof posts.$inferInsert>();
  for (const p of page.posts) {
    const createdAt = toMs(p.createdAt);
    const authorMemberId = p.author === null ? null : (authorIds.get(p.author) ?? null);
    if (authorMemberId) {
      memberRows.push({
        id: authorMemberId,
        siteId: site.id,
        communityId: site.communityId,
        firstSeenAt: now,
        lastSeenAt: createdAt ?? 0,
        displayNameEnc: sealedNames.get(authorMemberId) ?? null,
      });
    }
    postRows.set(p.id, {
      siteId: site.id,
      extId: p.id,
      threadExtId: thread.id,
      authorMemberId,
      postNumber: p.number,
      replyToNumber: p.replyToNumber,
      createdAt,
      likeCount: p.likeCount,
      textHash: textHashes.get(p.id) ?? null,
      firstSeenAt: now,
      updatedAt: now,
    });
  }

  const postStatements = postUpserts(db, [...postRows.values()]);

  return [threadStatement, ...upsertMembers(db, memberRows), ...postStatements] as const;
}
