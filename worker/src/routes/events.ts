import { Hono } from 'hono';
import { eventBatchSchema, type EventBatchResult } from '../../../shared/schemas/events';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { storeEvents } from '../services/ingest';
import { jsonBody } from '../validate';

/** POST /v1/events: a batch of up to 500 events, stored idempotently by event id. */
export const eventsRoutes = new Hono<AppEnv>().post('/', jsonBody(eventBatchSchema), async (c) => {
  const { events } = c.req.valid('json');
  const result: EventBatchResult = await storeEvents(getDb(c.env), c.env.PSEUDONYM_KEY, events, Date.now());
  return c.json(result, 200);
});
