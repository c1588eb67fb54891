import { type SQL, sql } from 'drizzle-orm';
import type { AuthorActivity } from '../../../shared/schemas/annotate';
import type { Db } from '../db/client';

const DAY_MS = 86_400_000;

interface ActivityRow {
  member_id: string;
  posts: number;
  topics: number;
  replies: number;
  likes_received: number;
  replies_received: number;
  days_active: number;
  last_active_at: number | null;
}

/**
 * What the Worker knows of each member's activity, from the posts it has seen and the
 * events it has stored:
 * - posts: posts they wrote; topics: of those, opening posts (number 1); replies: the rest;
 * - likesReceived: sum of the latest like counts of their posts;
 * - repliesReceived: posts by others whose reply-to number is one of their posts, plus,
 *   for a thread they opened, posts with no reply-to (Discourse's "reply to topic");
 * - daysActive: distinct UTC days with a post by them or an event of theirs;
 * - lastActiveAt: the latest of those times.
 * The member ids travel as one JSON parameter (json_each), so any number of authors
 * stays within D1's 100 bound parameters.
 */
export async function authorActivity(db: Db, memberIds: readonly string[]): Promise<Map<string, AuthorActivity>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db.all<ActivityRow>(activitySql(sql`SELECT DISTINCT value FROM json_each(${JSON.stringify(memberIds)})`));
  return toActivity(rows);
}

/** The activity query over the member ids `ids` (a SELECT of one column) yields. */
function activitySql(ids: SQL): SQL {
  return sql`
    WITH ids(id) AS (${ids}),
    mine AS (
      SELECT p.* FROM posts p JOIN ids ON p.author_member_id = ids.id
    ),
    post_stats AS (
      SELECT author_member_id AS member_id,
             COUNT(*) AS posts,
             SUM(CASE WHEN post_number = 1 THEN 1 ELSE 0 END) AS topics,
             SUM(CASE WHEN post_number = 1 THEN 0 ELSE 1 END) AS replies,
             COALESCE(SUM(like_count), 0) AS likes_received
      FROM mine GROUP BY author_member_id
    ),
    -- Two indexed joins rather than one OR: direct replies to their posts, and replies to
    -- the topic (no reply-to) in threads they opened.
    replies_received AS (
      SELECT member_id, SUM(n) AS n FROM (
        SELECT m.author_member_id AS member_id, COUNT(*) AS n
        FROM mine m
        JOIN posts r ON r.site_id = m.site_id AND r.thread_ext_id = m.thread_ext_id AND r.reply_to_number = m.post_number
        WHERE r.ext_id <> m.ext_id AND (r.author_member_id IS NULL OR r.author_member_id <> m.author_member_id)
        GROUP BY m.author_member_id
        UNION ALL
        SELECT m.author_member_id AS member_id, COUNT(*) AS n
        FROM mine m
        JOIN posts r ON r.site_id = m.site_id AND r.thread_ext_id = m.thread_ext_id
        WHERE m.post_number = 1 AND r.reply_to_number IS NULL AND r.post_number > 1
          AND (r.author_member_id IS NULL OR r.author_member_id <> m.author_member_id)
        GROUP BY m.author_member_id
      ) GROUP BY member_id
    ),
    moments AS (
      SELECT author_member_id AS member_id, created_at AS t FROM mine WHERE created_at IS NOT NULL
      UNION ALL
      SELECT e.member_id, e.ts FROM events e JOIN ids ON e.member_id = ids.id
    ),
    days AS (
      SELECT member_id, COUNT(DISTINCT t / ${sql.raw(String(DAY_MS))}) AS days_active, MAX(t) AS last_active_at
      FROM moments GROUP BY member_id
    )
    SELECT ids.id AS member_id,
           COALESCE(ps.posts, 0) AS posts,
           COALESCE(ps.topics, 0) AS topics,
           COALESCE(ps.replies, 0) AS replies,
           COALESCE(ps.likes_received, 0) AS likes_received,
           COALESCE(rr.n, 0) AS replies_received,
           COALESCE(d.days_active, 0) AS days_active,
           d.last_active_at AS last_active_at
    FROM ids
    LEFT JOIN post_stats ps ON ps.member_id = ids.id
    LEFT JOIN replies_received rr ON rr.member_id = ids.id
    LEFT JOIN days d ON d.member_id = ids.id
  `;
}

function toActivity(rows: readonly ActivityRow[]): Map<string, AuthorActivity> {
  const out = new Map<string, AuthorActivity>();
  for (const r of rows) {
    out.set(r.member_id, {
      posts: r.posts,
      topics: r.topics,
      replies: r.replies,
      likesReceived: r.likes_received,
      repliesReceived: r.replies_received,
      daysActive: r.days_active,
      lastActiveAt: r.last_active_at === null ? null : new Date(r.last_active_at).toISOString(),
    });
  }
  return out;
}

const COLUMNS = sql.raw('member_id, posts, topics, replies, likes_received, replies_received, days_active, last_active_at');

/**
 * The same answer through the member_activity cache, as two statements for one D1 batch
 * (after the page's writes, so it sees them): the first computes and stores the members
 * not cached yet (triggers delete the rows a change to posts or events makes stale), the
 * second reads everyone's. `cachedActivity(batchResults[i + 1].results)` decodes it.
 */
export function cachedActivityStatements(memberIds: readonly string[], now: number): [SQL, SQL] {
  const json = JSON.stringify([...new Set(memberIds)]);
  const fill = sql`INSERT OR IGNORE INTO member_activity (${COLUMNS}, computed_at)
    SELECT *, ${now} FROM (${activitySql(
      sql`SELECT DISTINCT value FROM json_each(${json}) WHERE value NOT IN (SELECT member_id FROM member_activity)`,
    )})`;
  return [fill, cachedActivityRead(memberIds)];
}

/** The member_activity cache rows of some members (those cached: see `cachedActivityStatements`). */
export function cachedActivityRead(memberIds: readonly string[]): SQL {
  return sql`SELECT ${COLUMNS} FROM member_activity WHERE member_id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(memberIds)])}))`;
}

export function cachedActivity(rows: readonly unknown[]): Map<string, AuthorActivity> {
  return toActivity(rows as ActivityRow[]);
}
