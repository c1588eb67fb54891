import { Hono } from 'hono';
import { type CorrectionResponse, correctionRequestSchema, correctionsExportQuerySchema } from '../../../shared/schemas/corrections';
import { allow, caller } from '../auth/allow';
import { getDb } from '../db/client';
import type { AppEnv } from '../env';
import { sitesOfCommunity } from '../services/communities';
import { correctionsOf, saveCorrection, toCsv, toJsonl } from '../services/corrections';
import { jsonBody, queryParams } from '../validate';

/**
 * POST /v1/corrections (moderators and owners): the right label for a post's sentiment or
 * toxicity. GET /v1/corrections/export?format=json|jsonl|csv[&task=] (owners): the community's
 * corrections with their texts, as training data.
 */
export const correctionsRoutes = new Hono<AppEnv>()
  .post('/', allow('moderator'), jsonBody(correctionRequestSchema), async (c) => {
    const me = caller(c);
    const input = c.req.valid('json');
    const db = getDb(c.env);
    const sites = await sitesOfCommunity(db, me.communityId, [{ origin: input.site, field: 'site' }]);
    const correction = await saveCorrection(db, sites.get(input.site)!, me.accountId, input);
    const body: CorrectionResponse = { correction };
    return c.json(body, 201);
  })
  .get('/export', allow('owner'), queryParams(correctionsExportQuerySchema), async (c) => {
    const me = caller(c);
    const { format, task } = c.req.valid('query');
    const rows = await correctionsOf(getDb(c.env), me.communityId, task);
    if (format === 'json') return c.json({ corrections: rows }, 200, { 'cache-control': 'no-store' });
    const csv = format === 'csv';
    return c.body(csv ? toCsv(rows) : toJsonl(rows), 200, {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="corrections.${csv ? 'csv' : 'jsonl'}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
