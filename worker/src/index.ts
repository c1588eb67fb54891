import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { Hono } from 'hono';
import { identify } from './auth/principal';
import type { AppEnv, Env } from './env';
import { notFound, onError } from './errors';
import { limitBody } from './middleware/body-limit';
import { jsonOnly } from './middleware/json-only';
import { originCheck } from './middleware/origin-check';
import { rateLimit } from './middleware/rate-limit';
import { accountsRoutes } from './routes/accounts';
import { adminRoutes } from './routes/admin';
import { alertsRoutes } from './routes/alerts';
import { annotateRoutes } from './routes/annotate';
import { catalogueRoutes } from './routes/catalogue';
import { communityRoutes } from './routes/community';
import { correctionsRoutes } from './routes/corrections';
import { dashboardRoutes } from './routes/dashboard';
import { eventsRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { invitesRoutes } from './routes/invites';
import { joinRoutes } from './routes/join';
import { meRoutes } from './routes/me';
import { recommendationsRoutes } from './routes/recommendations';
import { sitesRoutes } from './routes/sites';
import { runScheduled } from './scheduled';
import { postWebhook } from './services/alerts';

/**
 * Order matters: refuse foreign browser origins (and answer CORS preflights), cap the
 * body, insist on JSON, identify the caller, rate-limit per token; then each route's
 * own `allow(...)` decides.
 */
export const app = new Hono<AppEnv>();
app.use('*', originCheck, limitBody, jsonOnly, identify, rateLimit);
app.notFound(notFound);
app.onError(onError);

const routes = app
  .route('/v1/health', healthRoutes)
  .route('/v1/join', joinRoutes)
  .route('/v1/admin', adminRoutes)
  .route('/v1/me', meRoutes)
  .route('/v1/events', eventsRoutes)
  .route('/v1/annotate', annotateRoutes)
  .route('/v1/catalogue', catalogueRoutes)
  .route('/v1/recommendations', recommendationsRoutes)
  .route('/v1/community', communityRoutes)
  .route('/v1/dashboard', dashboardRoutes)
  .route('/v1/alerts', alertsRoutes)
  .route('/v1/corrections', correctionsRoutes)
  .route('/v1/invites', invitesRoutes)
  .route('/v1/accounts', accountsRoutes)
  .route('/v1/sites', sitesRoutes);

/** The API's type, for the extension's `hc<AppType>` client. */
export type AppType = typeof routes;

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, env, ctx),
  scheduled: (_controller: ScheduledController, env: Env, ctx: ExecutionContext) => {
    ctx.waitUntil(runScheduled(env, Date.now(), { post: postWebhook }));
  },
};
