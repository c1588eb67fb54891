import { Hono } from 'hono';
import { type JoinResponse, joinRequestSchema } from '../../../shared/schemas/auth';
import { allow } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { loadCommunity } from '../services/communities';
import { redeemInvite } from '../services/invites';
import { jsonBody } from '../validate';

/** POST /v1/join: an invite code -> a bearer token (shown once) for a new account. */
export const joinRoutes = new Hono<AppEnv>().post('/', allow('public'), jsonBody(joinRequestSchema), async (c) => {
  const { code, label } = c.req.valid('json');
  const db = getDb(c.env);
  const joined = await redeemInvite(db, code, label);
  const body: JoinResponse = {
    token: joined.token,
    account: { id: joined.accountId, role: joined.role },
    community: await loadCommunity(db, joined.communityId),
  };
  return c.json(body, 201);
});
