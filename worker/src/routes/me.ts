import { Hono } from 'hono';
import { engagementScore } from '../../../shared/engagement';
import type { MeResponse } from '../../../shared/schemas/auth';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { accounts } from '../db/schema';
import type { AppEnv } from '../env';
import { authorActivity } from '../services/activity';
import { loadCommunity } from '../services/communities';
import { eraseAccount, exportAccount } from '../services/erasure';
import { identitiesOf } from '../services/identities';
import { storedEngagement } from '../services/scores';
import { eq } from 'drizzle-orm';

/** The caller's own account, score, data export and deletion. */
export const meRoutes = new Hono<AppEnv>()
  .get('/', allow('member'), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const [[account], community, ids] = await Promise.all([
      db.select().from(accounts).where(eq(accounts.id, me.accountId)),
      loadCommunity(db, me.communityId),
      identitiesOf(db, me.accountId),
    ]);
    const body: MeResponse = {
      account: { id: me.accountId, role: me.role, label: account!.label, createdAt: new Date(account!.createdAt).toISOString() },
      community,
      identities: ids.map((i) => ({ memberId: i.memberId, site: i.origin })),
    };
    return c.json(body, 200);
  })
  /** "Why is my score 62?": the caller's score per forum identity, with its components. */
  .get('/score', allow('member'), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const ids = await identitiesOf(db, me.accountId);
    const memberIds = ids.map((i) => i.memberId);
    const [activity, stored] = await Promise.all([authorActivity(db, memberIds), storedEngagement(db, memberIds, false)]);
    return c.json(
      {
        scores: ids.map((i) => {
          const a = activity.get(i.memberId)!;
          return { site: i.origin, memberId: i.memberId, activity: a, engagement: stored.get(i.memberId) ?? engagementScore(a) };
        }),
      },
      200,
    );
  })
  .get('/export', allow('member'), async (c) => {
    const data = await exportAccount(getDb(c.env), caller(c).accountId);
    c.header('content-disposition', 'attachment; filename="community-pulse-my-data.json"');
    return c.json(data, 200);
  })
  /** Deletes everything stored about the caller and ends their access. */
  .delete('/', allow('member'), async (c) => {
    const deleted = await eraseAccount(getDb(c.env), caller(c).accountId);
    return c.json({ deleted, revoked: true }, 200);
  });
