import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { HealthResponse } from '../../../shared/schemas/health';
import { API_VERSION } from '../../../shared/version';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { allow } from '../auth/allow';

/** GET /v1/health: the extension's "test connection". */
export const healthRoutes = new Hono<AppEnv>().get('/', allow('public'), async (c) => {
  try {
    await getDb(c.env).run(sql`select 1`);
  } catch {
    throw new ApiFailure(503, 'database_unavailable', 'The database did not answer');
  }
  const body: HealthResponse = { ok: true, service: 'community-pulse', version: API_VERSION, database: true };
  return c.json(body, 200);
});
