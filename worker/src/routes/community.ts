import { asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { engagementScore } from '../../../shared/engagement';
import { webhookSchema } from '../../../shared/schemas/alerts';
import { settingsPatchSchema } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { communities, members, sites } from '../db/schema';
import type { AppEnv } from '../env';
import { authorActivity } from '../services/activity';
import { loadCommunity } from '../services/communities';
import { decryptName } from '../services/display-names';
import { jsonBody, queryParams } from '../validate';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The community as moderators and owners see it. Members' usernames are decrypted for
 * owners only; scores are left out while the owner has switched per-member scores off.
 */
export const communityRoutes = new Hono<AppEnv>()
  .get('/members', allow('moderator'), queryParams(pageQuery), async (c) => {
    const me = caller(c);
    const { limit, offset } = c.req.valid('query');
    const db = getDb(c.env);
    const community = await loadCommunity(db, me.communityId);
    const rows = await db
      .select({ id: members.id, origin: sites.origin, firstSeenAt: members.firstSeenAt, lastSeenAt: members.lastSeenAt, sealed: members.displayNameEnc })
      .from(members)
      .innerJoin(sites, eq(sites.id, members.siteId))
      .where(eq(members.communityId, me.communityId))
      .orderBy(asc(members.firstSeenAt), asc(members.id))
      .limit(limit)
      .offset(offset);
    const [{ total }] = (await db.all<{ total: number }>(
      sql`SELECT count(*) AS total FROM members WHERE community_id = ${me.communityId}`,
    )) as [{ total: number }];
    const activity = community.settings.memberScores ? await authorActivity(db, rows.map((r) => r.id)) : new Map();
    const list = [];
    for (const r of rows) {
      const a = activity.get(r.id);
      list.push({
        memberId: r.id,
        site: r.origin,
        displayName: me.role === 'owner' ? await decryptName(c.env.DISPLAY_NAME_KEY, r.sealed) : null,
        firstSeenAt: new Date(r.firstSeenAt).toISOString(),
        lastSeenAt: new Date(r.lastSeenAt).toISOString(),
        activity: a ?? null,
        engagement: a ? engagementScore(a) : null,
      });
    }
    return c.json({ total, limit, offset, memberScores: community.settings.memberScores, members: list }, 200);
  })
  /** Where new alerts are POSTed (https only); null removes the webhook. */
  .patch('/webhook', allow('owner'), jsonBody(webhookSchema), async (c) => {
    const me = caller(c);
    await getDb(c.env).update(communities).set({ webhookUrl: c.req.valid('json').url }).where(eq(communities.id, me.communityId));
    return c.json({ webhook: c.req.valid('json').url }, 200);
  })
  .patch('/settings', allow('owner'), jsonBody(settingsPatchSchema), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    await db.update(communities).set(c.req.valid('json')).where(eq(communities.id, me.communityId));
    return c.json({ community: await loadCommunity(db, me.communityId) }, 200);
  });
