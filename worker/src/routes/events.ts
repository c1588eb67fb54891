import { Hono } from 'hono';
import { eventBatchSchema, type EventBatchResult } from '../../../shared/schemas/events';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { storeEvents } from '../services/ingest';
import { jsonBody } from '../validate';

/** POST /v1/events: a batch of up to 500 of the caller's events, stored idempotently by event id. */
export const eventsRoutes = new Hono<AppEnv>().post('/', allow('member'), jsonBody(eventBatchSchema), async (c) => {
  const { events } = c.req.valid('json');
  const result: EventBatchResult = await storeEvents(getDb(c.env), c.env, caller(c), events, Date.now());
  return c.json(result, 200);
});
