import { Hono } from 'hono';
import { engagementScore } from '../../../shared/engagement';
import { type AnnotateResponse, annotateRequestSchema } from '../../../shared/schemas/annotate';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { authorActivity } from '../services/activity';
import { recordPage } from '../services/catalogue';
import { pseudonyms } from '../services/pseudonym';
import { resolveSite } from '../services/sites';
import { jsonBody } from '../validate';

/**
 * POST /v1/annotate: the thread and posts a page shows -> per author the activity the
 * Worker knows and an engagement score. The page's thread and posts are recorded first,
 * so the answer includes them.
 */
export const annotateRoutes = new Hono<AppEnv>().post('/', jsonBody(annotateRequestSchema), async (c) => {
  const page = c.req.valid('json');
  const db = getDb(c.env);
  const now = Date.now();
  const site = await resolveSite(db, page.site, page.engine);
  const authors = new Set(page.posts.flatMap((p) => (p.author === null ? [] : [p.author])));
  const ids = await pseudonyms(c.env.PSEUDONYM_KEY, page.site, authors);

  const [first, ...rest] = recordPage(db, site, page, ids, now);
  await db.batch([first, ...rest]);

  const activity = await authorActivity(db, [...new Set(ids.values())]);
  const body: AnnotateResponse = {
    thread: page.thread.id,
    authors: [...ids].map(([author, memberId]) => {
      const a = activity.get(memberId)!;
      return { author, memberId, activity: a, engagement: engagementScore(a) };
    }),
  };
  return c.json(body, 200);
});
