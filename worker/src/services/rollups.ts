import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rawBatch } from '../db/raw-batch';
import { rollupState } from '../db/schema';

const DAY = sql.raw('86400000');

/**
 * Daily rollup of one site into `member_days`: per member and UTC day, views, posts seen,
 * reading time, likes given, replies (events), topics and posts written, likes and
 * replies received (posts seen on pages). Only days touched since the last run are
 * recomputed, each whole (delete, then insert the day's totals), in one D1 batch: running
 * it twice, or after a crash, leaves the same rows. All the arithmetic runs inside D1
 * (INSERT … SELECT … GROUP BY), so a million events cost the Worker almost no CPU.
 */
export async function rollupSite(db: Db, site: { id: number; communityId: number }, now = Date.now()) {
  const [state] = await db.select().from(rollupState).where(eq(rollupState.siteId, site.id));
  const since = { events: state?.eventsReceivedTo ?? 0, posts: state?.postsUpdatedTo ?? 0 };
  const [marks] = await db.all<{ events_to: number | null; posts_to: number | null }>(sql`
    SELECT (SELECT max(received_at) FROM events WHERE site_id = ${site.id}) AS events_to,
           (SELECT max(updated_at) FROM posts WHERE site_id = ${site.id}) AS posts_to`);
  const eventsTo = marks?.events_to ?? since.events;
  const postsTo = marks?.posts_to ?? since.posts;
  const dirty = await db.all<{ day: number }>(sql`
    SELECT DISTINCT ts / ${DAY} AS day FROM events WHERE site_id = ${site.id} AND received_at > ${since.events} AND received_at <= ${eventsTo}
    UNION
    SELECT DISTINCT created_at / ${DAY} FROM posts WHERE site_id = ${site.id} AND created_at IS NOT NULL AND updated_at > ${since.posts} AND updated_at <= ${postsTo}
    UNION
    -- a reply changes the day its target's author received it
    SELECT DISTINCT r.created_at / ${DAY} FROM posts r WHERE r.site_id = ${site.id} AND r.created_at IS NOT NULL AND r.updated_at > ${since.posts} AND r.updated_at <= ${postsTo}`);
  const days = JSON.stringify(dirty.map((d) => d.day));
  const inDays = (expr: ReturnType<typeof sql>) => sql`${expr} IN (SELECT value FROM json_each(${days}))`;

  await rawBatch(db, [
    sql`DELETE FROM member_days WHERE site_id = ${site.id} AND ${inDays(sql`day`)}`,
    sql`
      INSERT INTO member_days (site_id, community_id, member_id, day, views, seen, reading_ms, likes_given, replies, topics, posts, likes_received, replies_received)
      SELECT ${site.id}, ${site.communityId}, member_id, day,
             SUM(views), SUM(seen), SUM(reading_ms), SUM(likes_given), SUM(replies), SUM(topics), SUM(posts), SUM(likes_received), SUM(replies_received)
      FROM (
        SELECT member_id, ts / ${DAY} AS day,
               SUM(type = 'page_view') AS views, SUM(type = 'post_seen') AS seen,
               SUM(CASE WHEN type = 'dwell' THEN CAST(value AS INTEGER) ELSE 0 END) AS reading_ms,
               SUM(type = 'like') AS likes_given, SUM(type = 'reply') AS replies,
               0 AS topics, 0 AS posts, 0 AS likes_received, 0 AS replies_received
        FROM events WHERE site_id = ${site.id} AND member_id IS NOT NULL AND ${inDays(sql`ts / ${DAY}`)}
        GROUP BY member_id, ts / ${DAY}
        UNION ALL
        SELECT author_member_id, created_at / ${DAY}, 0, 0, 0, 0, 0,
               SUM(post_number = 1), SUM(post_number IS NULL OR post_number > 1), COALESCE(SUM(like_count), 0), 0
        FROM posts WHERE site_id = ${site.id} AND author_member_id IS NOT NULL AND created_at IS NOT NULL AND ${inDays(sql`created_at / ${DAY}`)}
        GROUP BY author_member_id, created_at / ${DAY}
        UNION ALL
        SELECT m.author_member_id, r.created_at / ${DAY}, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*)
        FROM posts r JOIN posts m ON m.site_id = r.site_id AND m.thread_ext_id = r.thread_ext_id AND m.post_number = r.reply_to_number
        WHERE r.site_id = ${site.id} AND r.created_at IS NOT NULL AND m.author_member_id IS NOT NULL
          AND (r.author_member_id IS NULL OR r.author_member_id <> m.author_member_id) AND ${inDays(sql`r.created_at / ${DAY}`)}
        GROUP BY m.author_member_id, r.created_at / ${DAY}
        UNION ALL
        SELECT m.author_member_id, r.created_at / ${DAY}, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*)
        FROM posts r JOIN posts m ON m.site_id = r.site_id AND m.thread_ext_id = r.thread_ext_id AND m.post_number = 1
        WHERE r.site_id = ${site.id} AND r.created_at IS NOT NULL AND r.reply_to_number IS NULL AND r.post_number > 1
          AND m.author_member_id IS NOT NULL AND (r.author_member_id IS NULL OR r.author_member_id <> m.author_member_id)
          AND ${inDays(sql`r.created_at / ${DAY}`)}
        GROUP BY m.author_member_id, r.created_at / ${DAY}
      ) GROUP BY member_id, day`,
    sql`INSERT INTO rollup_state (site_id, events_received_to, posts_updated_to, rolled_up_at)
        VALUES (${site.id}, ${eventsTo}, ${postsTo}, ${now})
        ON CONFLICT (site_id) DO UPDATE SET events_received_to = excluded.events_received_to,
          posts_updated_to = excluded.posts_updated_to, rolled_up_at = excluded.rolled_up_at`,
  ]);
  return { days: dirty.length };
}
