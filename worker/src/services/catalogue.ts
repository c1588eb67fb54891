import { sql } from 'drizzle-orm';
import type { AnnotateRequestParsed as AnnotateRequest } from '../../../shared/schemas/annotate';
import type { Db } from '../db/client';
import { posts, threads } from '../db/schema';
import { chunkForInsert } from './chunk-rows';
import { type MemberRow, upsertMembers } from './members';
import type { SiteRef } from './communities';

const toMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export type ThreadRow = typeof threads.$inferInsert;

/** The row a thread seen on a page or in a list is stored as. */
export function threadRow(site: SiteRef, thread: AnnotateRequest['thread'], now: number): ThreadRow {
  return {
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
  };
}

/** The statement recording a thread seen on a page or in a list; re-sending updates it in place. */
export function threadUpsert(db: Db, site: SiteRef, thread: AnnotateRequest['thread'], now: number) {
  return threadRowUpsert(db, threadRow(site, thread, now));
}

function threadRowUpsert(db: Db, row: ThreadRow) {
  return db
    .insert(threads)
    .values(row)
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

/** The rows a page is stored as: its thread, its posts' authors (as pseudonyms) and its posts. */
export interface PageRows {
  thread: ThreadRow;
  /** One per post with a known author, not merged (upsertMembers merges them). */
  members: MemberRow[];
  /** By post id: a post shown twice is stored once. */
  posts: Map<string, PostRow>;
}

export function pageRows(
  site: SiteRef,
  page: Pick<AnnotateRequest, 'thread' | 'posts'>,
  authorIds: ReadonlyMap<string, string>,
  now: number,
  /** Encrypted usernames by member id, stored for owners on first sight. */
  sealedNames: ReadonlyMap<string, string> = new Map(),
  /** SHA-256 of each post's scored text, by post id (services/text-scores.ts). */
  textHashes: ReadonlyMap<string, string> = new Map(),
): PageRows {
  const { thread } = page;
  const members: MemberRow[] = [];
  const postRows = new Map<string, PostRow>();
  for (const p of page.posts) {
    const createdAt = toMs(p.createdAt);
    const authorMemberId = p.author === null ? null : (authorIds.get(p.author) ?? null);
    if (authorMemberId) {
      members.push({
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
  return { thread: threadRow(site, thread, now), members, posts: postRows };
}

/**
 * Statements recording what a page shows (its `pageRows`). Re-sending a page updates
 * rows in place; nothing is duplicated.
 */
export function pageWrites(db: Db, rows: PageRows) {
  return [threadRowUpsert(db, rows.thread), ...upsertMembers(db, rows.members), ...postUpserts(db, [...rows.posts.values()])] as const;
}
