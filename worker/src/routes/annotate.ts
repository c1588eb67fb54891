import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { engagementScore } from '../../../shared/engagement';
import {
  type AnnotateResponse,
  annotateRequestSchema,
  type AuthorActivity,
  type ClientScores,
  type PostSentiment,
} from '../../../shared/schemas/annotate';
import { ROLE_RANK } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { background } from '../background';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { cachedActivity, cachedActivityStatements } from '../services/activity';
import { detectAlerts, postWebhook } from '../services/alerts';
import { pageRows, pageWrites } from '../services/catalogue';
import { encryptName } from '../services/display-names';
import { pseudonyms } from '../services/pseudonym';
import { decodeStoredEngagement, type StoredEngagement, storedEngagementSql } from '../services/scores';
import { pageContext, runBatch } from '../services/page-context';
import { pageUnchanged } from '../services/page-unchanged';
import { fromClientScores, hashTexts, insertScores, scoreMissing, type StoredScore, toPostSentiment } from '../services/text-scores';
import { jsonBody } from '../validate';

/**
 * POST /v1/annotate: the thread and posts a page shows -> per author the activity the
 * Worker knows and an engagement score, and per post with text its sentiment and
 * toxicity. The page's thread and posts are recorded first, so the answer includes them.
 * Posts may carry the browser's scores instead of their text (on-device mode): those are
 * answered back to moderators as sent and stored nowhere, not in the shared text_scores
 * cache (another community's text would otherwise read a client's numbers), not on the post.
 * Members get only their own score; moderators and owners get everyone's, unless the
 * owner switched per-member scores off. Post scores go to moderators and owners only.
 *
 * Two D1 round trips: one batch of reads (site, settings, erasures, identities, known
 * members, cached text scores, what is stored of the page), then one batch (one
 * transaction) of the page's writes and the answer's reads (activity through the
 * member_activity cache, stored scores). A page that changes nothing (the common case:
 * the same thread read again) and whose authors' activity is cached is answered from
 * the first batch alone, which reads that activity and those scores ahead.
 */
export const annotateRoutes = new Hono<AppEnv>().post('/', allow('member'), jsonBody(annotateRequestSchema), async (c) => {
  const me = caller(c);
  const page = c.req.valid('json');
  const db = getDb(c.env);
  const now = Date.now();
  const moderator = ROLE_RANK[me.role] >= ROLE_RANK.moderator;

  const authors = new Set(page.posts.flatMap((p) => (p.author === null ? [] : [p.author])));
  const [all, hashes] = await Promise.all([pseudonyms(c.env.PSEUDONYM_KEY, page.site, authors), hashTexts(page.posts)]);
  const ctx = await pageContext(
    db,
    me.communityId,
    { site: page.site, threadId: page.thread.id, postIds: page.posts.map((p) => p.id) },
    [...all.values()],
    hashes.values(),
  );
  if (!ctx.site) throw new ApiFailure(403, 'site_not_in_community', `site: ${page.site} is not a site of your community`);

  const ids = new Map([...all].filter(([, id]) => !ctx.erased.has(id)));
  const sealed = new Map<string, string>();
  await Promise.all(
    [...ids].filter(([, id]) => !ctx.named.has(id)).map(async ([name, id]) => sealed.set(id, await encryptName(c.env.DISPLAY_NAME_KEY, name))),
  );

  // Texts not scored yet under this model are scored here, once.
  const texts = new Map<string, string>();
  for (const p of page.posts) if (p.text !== undefined) texts.set(hashes.get(p.id)!, p.text);
  const fresh = scoreMissing(texts, ctx.scores);

  const seeAll = ctx.memberScores && moderator;
  const visible = [...ids].filter(([, id]) => seeAll || ctx.owners.get(id) === me.accountId);
  const visibleIds = [...new Set(visible.map(([, id]) => id))];

  const rows = pageRows(ctx.site, page, ids, now, sealed, hashes);
  const readAhead = cachedActivity(ctx.activityRows);
  let activity: Map<string, AuthorActivity>;
  let stored: Map<string, StoredEngagement>;
  if (fresh.size === 0 && pageUnchanged(rows, ctx.stored) && visibleIds.every((id) => readAhead.has(id))) {
    activity = readAhead;
    stored = decodeStoredEngagement(ctx.engagementRows, moderator);
  } else {
    const scoreInsert = insertScores(fresh.values(), 'worker', now);
    const [fill, read] = cachedActivityStatements(visibleIds, now);
    const results = await runBatch(db, [
      ...pageWrites(db, rows).map((s) => s.getSQL()),
      ...(scoreInsert ? [scoreInsert] : []),
      // Posts this request inserted or changed (an unchanged post is not written: its updated_at stays).
      sql`SELECT count(*) AS n FROM posts WHERE site_id = ${ctx.site.id} AND thread_ext_id = ${page.thread.id} AND updated_at = ${now}`,
      fill,
      read,
      storedEngagementSql(visibleIds),
    ]);
    const [changed, , activityRows, storedRows] = results.slice(-4).map((r) => r.results);
    activity = cachedActivity(activityRows!);
    stored = decodeStoredEngagement(storedRows!, moderator);

    // The fast alert rules run after the answer (the cron runs them all), and only when
    // the page brought something new: a page re-sent unchanged writes no post.
    if ((changed![0] as { n: number }).n > 0) {
      background(c, detectAlerts(db, me.communityId, now, { only: ['pile_on', 'new_account_burst', 'heated_thread'], post: postWebhook }));
    }
  }

  const body: AnnotateResponse = {
    thread: page.thread.id,
    visibility: seeAll ? 'all' : 'own',
    authors: visible.map(([author, memberId]) => {
      const a = activity.get(memberId)!;
      // The daily job's community-relative score where it has one; the first formula until then.
      return { author, memberId, activity: a, engagement: stored.get(memberId) ?? engagementScore(a) };
    }),
  };
  if (moderator) body.posts = postScores(page.posts, hashes, ctx.scores, fresh);
  return c.json(body, 200);
});

function postScores(
  posts: ReadonlyArray<{ id: string; scores?: ClientScores | undefined }>,
  hashes: ReadonlyMap<string, string>,
  cached: ReadonlyMap<string, StoredScore>,
  fresh: ReadonlyMap<string, StoredScore>,
): PostSentiment[] {
  const out: PostSentiment[] = [];
  const done = new Set<string>();
  for (const p of posts) {
    if (done.has(p.id)) continue;
    // On-device mode: the browser's own scores, answered as sent and stored nowhere.
    if (p.scores !== undefined) {
      done.add(p.id);
      out.push(fromClientScores(p.id, p.scores));
      continue;
    }
    const hash = hashes.get(p.id);
    if (hash === undefined) continue;
    done.add(p.id);
    const hit = cached.get(hash);
    out.push(toPostSentiment(p.id, hit ?? fresh.get(hash)!, hit !== undefined));
  }
  return out;
}
