import { Hono } from 'hono';
import { ROLE_RANK } from '../../../shared/schemas/auth';
import { engagementScore } from '../../../shared/engagement';
import { type AnnotateResponse, annotateRequestSchema } from '../../../shared/schemas/annotate';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { authorActivity } from '../services/activity';
import { detectAlerts, postWebhook } from '../services/alerts';
import { background } from '../background';
import { recordPage } from '../services/catalogue';
import { loadCommunity, sitesOfCommunity } from '../services/communities';
import { encryptName } from '../services/display-names';
import { accountsOf, erasedAmong } from '../services/identities';
import { pseudonyms } from '../services/pseudonym';
import { storedEngagement } from '../services/scores';
import { jsonBody } from '../validate';

/**
 * POST /v1/annotate: the thread and posts a page shows -> per author the activity the
 * Worker knows and an engagement score. The page's thread and posts are recorded first,
 * so the answer includes them. Members get only their own score; moderators and owners
 * get everyone's, unless the owner switched per-member scores off.
 */
export const annotateRoutes = new Hono<AppEnv>().post('/', allow('member'), jsonBody(annotateRequestSchema), async (c) => {
  const me = caller(c);
  const page = c.req.valid('json');
  const db = getDb(c.env);
  const now = Date.now();
  const [sites, community] = await Promise.all([
    sitesOfCommunity(db, me.communityId, [{ origin: page.site, field: 'site' }]),
    loadCommunity(db, me.communityId),
  ]);
  const site = sites.get(page.site)!;

  const authors = new Set(page.posts.flatMap((p) => (p.author === null ? [] : [p.author])));
  const all = await pseudonyms(c.env.PSEUDONYM_KEY, page.site, authors);
  const erased = await erasedAmong(db, [...all.values()]);
  const ids = new Map([...all].filter(([, id]) => !erased.has(id)));
  const sealed = new Map<string, string>();
  for (const [name, id] of ids) sealed.set(id, await encryptName(c.env.DISPLAY_NAME_KEY, name));

  const [first, ...rest] = recordPage(db, site, page, ids, now, sealed);
  await db.batch([first, ...rest]);
  // The fast alert rules run on ingest, after the answer (the cron runs them all).
  background(c, detectAlerts(db, me.communityId, now, { only: ['pile_on', 'new_account_burst', 'heated_thread'], post: postWebhook }));

  const seeAll = community.settings.memberScores && ROLE_RANK[me.role] >= ROLE_RANK.moderator;
  const owners = seeAll ? new Map<string, string>() : await accountsOf(db, [...ids.values()]);
  const visible = [...ids].filter(([, id]) => seeAll || owners.get(id) === me.accountId);
  const visibleIds = [...new Set(visible.map(([, id]) => id))];
  const [activity, stored] = await Promise.all([
    authorActivity(db, visibleIds),
    storedEngagement(db, visibleIds, ROLE_RANK[me.role] >= ROLE_RANK.moderator),
  ]);
  const body: AnnotateResponse = {
    thread: page.thread.id,
    visibility: seeAll ? 'all' : 'own',
    authors: visible.map(([author, memberId]) => {
      const a = activity.get(memberId)!;
      // The daily job's community-relative score where it has one; the first formula until then.
      return { author, memberId, activity: a, engagement: stored.get(memberId) ?? engagementScore(a) };
    }),
  };
  return c.json(body, 200);
});
