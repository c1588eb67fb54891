import { Hono } from 'hono';
import type { ExecutionContext } from '@cloudflare/workers-types';
import type { AppEnv, Env } from './env';
import { notFound, onError } from './errors';
import { limitBody } from './middleware/body-limit';
import { jsonOnly } from './middleware/json-only';
import { annotateRoutes } from './routes/annotate';
import { eventsRoutes } from './routes/events';
import { healthRoutes } from './routes/health';

const app = new Hono<AppEnv>();
app.use('*', limitBody, jsonOnly);
app.notFound(notFound);
app.onError(onError);

const routes = app
  .route('/v1/health', healthRoutes)
  .route('/v1/events', eventsRoutes)
  .route('/v1/annotate', annotateRoutes);

/** The API's type, for the extension's `hc<AppType>` client. */
export type AppType = typeof routes;

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, env, ctx),
};
