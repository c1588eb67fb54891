import { type SQL, sql } from 'drizzle-orm';
import type { BreakdownBy, BreakdownResponse, BreakdownRow } from '../../../shared/schemas/dashboard';
import { CONFIDENCE_THRESHOLD, SENTIMENT_MODEL_VERSION } from '../../../shared/sentiment/index';
import type { Db } from '../db/client';

const DAY = 86_400_000;
const MAX_ROWS = 200;

export interface BreakdownQuery {
  range: number;
  by: BreakdownBy;
  site?: string | undefined;
  category?: string | undefined;
  tag?: string | undefined;
}

interface Grouped {
  grp: string;
  title: string | null;
  site: string | null;
  url: string | null;
  threads: number;
  posts: number;
  authors: number;
  scored: number;
  negative: number;
}

/** The grouping key (and its columns) per dimension; a tag groups through the thread's tags. */
const KEYS: Record<BreakdownBy, { key: SQL; extra: SQL; from: SQL }> = {
  site: { key: sql`s.origin`, extra: sql`NULL AS title, s.origin AS site, NULL AS url`, from: sql`` },
  category: { key: sql`coalesce(t.category, '')`, extra: sql`NULL AS title, NULL AS site, NULL AS url`, from: sql`` },
  tag: { key: sql`j.value`, extra: sql`NULL AS title, NULL AS site, NULL AS url`, from: sql`, json_each(t.tags) j` },
  thread: { key: sql`t.ext_id`, extra: sql`max(t.title) AS title, s.origin AS site, max(t.url) AS url`, from: sql`` },
};

/**
 * The range's posts grouped by site, category, tag or thread, within an optional site,
 * category or tag: threads, posts, authors, the negative share of confidently scored
 * posts, and open alerts. Posts come from the catalogue (what pages and imports showed),
 * not from the daily rollups, which have no thread dimension.
 */
export async function breakdown(db: Db, communityId: number, q: BreakdownQuery, now = Date.now()): Promise<BreakdownResponse> {
  const from = now - q.range * DAY;
  const k = KEYS[q.by];
  const filters = [
    q.site ? sql`AND s.origin = ${q.site}` : sql``,
    q.category !== undefined ? sql`AND coalesce(t.category, '') = ${q.category}` : sql``,
    q.tag ? sql`AND EXISTS (SELECT 1 FROM json_each(t.tags) f WHERE f.value = ${q.tag})` : sql``,
  ];
  // `grp`, not `key`: json_each has a column named key.
  const groupBy = q.by === 'thread' ? sql`s.origin, t.ext_id` : sql`grp`;
  const [grouped, alerts] = await Promise.all([
    db.all<Grouped>(sql`
      SELECT ${k.key} AS grp, ${k.extra},
        count(DISTINCT p.site_id || ':' || p.thread_ext_id) AS threads,
        count(*) AS posts,
        count(DISTINCT p.author_member_id) AS authors,
        count(ts.text_hash) AS scored,
        coalesce(sum(CASE WHEN ts.label = 'negative' THEN 1 ELSE 0 END), 0) AS negative
      FROM posts p
        JOIN sites s ON s.id = p.site_id
        JOIN threads t ON t.site_id = p.site_id AND t.ext_id = p.thread_ext_id ${k.from}
        LEFT JOIN text_scores ts ON ts.text_hash = p.text_hash AND ts.model_version = ${SENTIMENT_MODEL_VERSION} AND ts.confidence >= ${CONFIDENCE_THRESHOLD}
      WHERE s.community_id = ${communityId} AND p.created_at >= ${from} AND p.created_at <= ${now} ${filters[0]} ${filters[1]} ${filters[2]}
      GROUP BY ${groupBy}
      ORDER BY posts DESC, grp
      LIMIT ${MAX_ROWS}`),
    db.all<{ origin: string; thread: string | null; category: string | null; tags: string | null }>(sql`
      SELECT s.origin, a.thread_ext_id AS thread, t.category, t.tags
      FROM alerts a JOIN sites s ON s.id = a.site_id
        LEFT JOIN threads t ON t.site_id = a.site_id AND t.ext_id = a.thread_ext_id
      WHERE a.community_id = ${communityId} AND a.status IN ('open', 'acknowledged')`),
  ]);

  const inFilter = (a: (typeof alerts)[number], tags: string[]) =>
    (!q.site || a.origin === q.site) && (q.category === undefined || (a.category ?? '') === q.category) && (!q.tag || tags.includes(q.tag));
  const open = new Map<string, number>();
  const bump = (key: string) => open.set(key, (open.get(key) ?? 0) + 1);
  for (const a of alerts) {
    const tags = a.tags ? (JSON.parse(a.tags) as string[]) : [];
    if (!inFilter(a, tags)) continue;
    if (q.by === 'site') bump(a.origin);
    else if (a.thread === null) continue;
    else if (q.by === 'category') bump(a.category ?? '');
    else if (q.by === 'tag') for (const tag of tags) bump(tag);
    else bump(`${a.origin}\n${a.thread}`);
  }

  const rows: BreakdownRow[] = grouped.map((g) => ({
    key: g.grp,
    title: g.title,
    site: g.site,
    url: g.url,
    threads: g.threads,
    posts: g.posts,
    authors: g.authors,
    scored: g.scored,
    negativeShare: g.scored > 0 ? g.negative / g.scored : null,
    openAlerts: open.get(q.by === 'thread' ? `${g.site}\n${g.grp}` : g.grp) ?? 0,
  }));
  return { range: q.range, by: q.by, filter: { site: q.site ?? null, category: q.category ?? null, tag: q.tag ?? null }, rows };
}
