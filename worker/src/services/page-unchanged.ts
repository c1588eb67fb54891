import { type SQL, sql } from 'drizzle-orm';
import type { PageRows } from './catalogue';

/** A thread as stored (the columns a re-sent thread may change). */
export interface StoredThread {
  title: string | null;
  url: string | null;
  category: string | null;
  tags: string | null;
  reply_count: number | null;
  like_count: number | null;
  view_count: number | null;
  created_at: number | null;
}

/** A post as stored (the columns a re-sent post may change). */
export interface StoredPost {
  ext_id: string;
  author_member_id: string | null;
  post_number: number | null;
  reply_to_number: number | null;
  created_at: number | null;
  like_count: number | null;
  text_hash: string | null;
}

/** A member as stored (its seen window, and whether its encrypted name is stored). */
export interface StoredMember {
  id: string;
  first_seen_at: number;
  last_seen_at: number;
  named: number;
}

export interface StoredPage {
  thread: StoredThread | undefined;
  posts: Map<string, StoredPost>;
  members: Map<string, StoredMember>;
}

/** The site of `origin` in community `communityId`, as a subquery. */
const siteId = (communityId: number, origin: string) => sql`(SELECT id FROM sites WHERE community_id = ${communityId} AND origin = ${origin})`;

/** Reads of what is stored of a page's thread and posts, for `pageUnchanged` (members: `storedMembersSql`). */
export function storedPageSql(communityId: number, origin: string, threadId: string, postIds: readonly string[]): [SQL, SQL] {
  const site = siteId(communityId, origin);
  return [
    sql`SELECT title, url, category, tags, reply_count, like_count, view_count, created_at
        FROM threads WHERE site_id = ${site} AND ext_id = ${threadId}`,
    sql`SELECT ext_id, author_member_id, post_number, reply_to_number, created_at, like_count, text_hash
        FROM posts WHERE site_id = ${site} AND ext_id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(postIds)])}))`,
  ];
}

/** Members among `ids` (a subquery of member ids) as stored. */
export function storedMembersSql(ids: SQL): SQL {
  return sql`SELECT id, first_seen_at, last_seen_at, display_name_enc IS NOT NULL AS named FROM members WHERE id IN ${ids}`;
}

/** A stored value stays when the page brings none (null) or the same one. */
const keeps = (sent: unknown, stored: unknown) => sent === null || sent === undefined || sent === stored;

/**
 * Whether writing a page's rows would change nothing: every row is stored already and
 * the upserts' update conditions (services/catalogue.ts, services/members.ts) hold for
 * none of them. Only then may a request skip its writes; any doubt means "changed" and
 * the upserts run (and decide exactly, as before).
 */
export function pageUnchanged(rows: PageRows, stored: StoredPage): boolean {
  const t = rows.thread;
  const st = stored.thread;
  if (!st) return false;
  const tags = JSON.stringify(t.tags ?? []);
  if (
    !keeps(t.title, st.title) ||
    !keeps(t.url, st.url) ||
    !keeps(t.category, st.category) ||
    !keeps(t.replyCount, st.reply_count) ||
    !keeps(t.likeCount, st.like_count) ||
    !keeps(t.viewCount, st.view_count) ||
    !keeps(t.createdAt, st.created_at) ||
    (tags !== '[]' && tags !== st.tags)
  ) {
    return false;
  }
  for (const p of rows.posts.values()) {
    const sp = stored.posts.get(p.extId);
    if (
      !sp ||
      !keeps(p.authorMemberId, sp.author_member_id) ||
      !keeps(p.postNumber, sp.post_number) ||
      !keeps(p.replyToNumber, sp.reply_to_number) ||
      !keeps(p.createdAt, sp.created_at) ||
      !keeps(p.likeCount, sp.like_count) ||
      !keeps(p.textHash, sp.text_hash)
    ) {
      return false;
    }
  }
  for (const m of rows.members) {
    const sm = stored.members.get(m.id);
    if (!sm || m.firstSeenAt < sm.first_seen_at || m.lastSeenAt > sm.last_seen_at || (!sm.named && m.displayNameEnc)) return false;
  }
  return true;
}
