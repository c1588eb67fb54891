import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { alertsQuerySchema } from '../../../shared/schemas/alerts';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import { alerts } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiFailure } from '../errors';
import { listAlerts } from '../services/alerts';
import { pathParams, queryParams } from '../validate';

const idParam = z.object({ id: z.uuid() });

/** Alerts for moderators and owners: list, acknowledge, resolve (with who and when). */
export const alertsRoutes = new Hono<AppEnv>()
  .get('/', allow('moderator'), queryParams(alertsQuerySchema), async (c) => {
    const me = caller(c);
    const body = await listAlerts(getDb(c.env), me.communityId, c.req.valid('query'), {
      show: me.role === 'owner',
      key: c.env.DISPLAY_NAME_KEY,
    });
    return c.json(body, 200);
  })
  .post('/:id/ack', allow('moderator'), pathParams(idParam), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const [row] = await db
      .update(alerts)
      .set({ status: 'acknowledged', acknowledgedAt: Date.now(), acknowledgedBy: me.accountId })
      .where(and(eq(alerts.id, c.req.valid('param').id), eq(alerts.communityId, me.communityId), eq(alerts.status, 'open')))
      .returning({ id: alerts.id });
    if (!row) throw new ApiFailure(404, 'not_found', 'No such open alert in your community');
    const { alerts: [alert] } = await listAlerts(db, me.communityId, { status: 'all', limit: 200 }, { show: me.role === 'owner', key: c.env.DISPLAY_NAME_KEY }).then((r) => ({
      alerts: r.alerts.filter((a) => a.id === row.id),
    }));
    return c.json({ alert: alert! }, 200);
  })
  .post('/:id/resolve', allow('moderator'), pathParams(idParam), async (c) => {
    const me = caller(c);
    const db = getDb(c.env);
    const now = Date.now();
    const id = c.req.valid('param').id;
    const [current] = await db.select().from(alerts).where(and(eq(alerts.id, id), eq(alerts.communityId, me.communityId)));
    if (!current || current.status === 'resolved') throw new ApiFailure(404, 'not_found', 'No such unresolved alert in your community');
    await db
      .update(alerts)
      .set({
        status: 'resolved',
        resolvedAt: now,
        resolvedBy: me.accountId,
        acknowledgedAt: current.acknowledgedAt ?? now,
        acknowledgedBy: current.acknowledgedBy ?? me.accountId,
      })
      .where(eq(alerts.id, id));
    const r = await listAlerts(db, me.communityId, { status: 'all', limit: 200 }, { show: me.role === 'owner', key: c.env.DISPLAY_NAME_KEY });
    return c.json({ alert: r.alerts.find((a) => a.id === id)! }, 200);
  });
