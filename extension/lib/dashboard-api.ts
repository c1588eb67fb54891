import { z } from 'zod';
import { type Alert, alertResponseSchema, type AlertsResponse, alertsResponseSchema } from '../../shared/schemas/alerts';
import { type Account, accountSchema } from '../../shared/schemas/auth';
import {
  type BreakdownBy,
  type BreakdownResponse,
  breakdownResponseSchema,
  type DashboardResponse,
  dashboardResponseSchema,
} from '../../shared/schemas/dashboard';
import type { ApiError } from '../../shared/schemas/errors';
import { type ApiCall, apiClient } from './api';

export type DashboardRange = 7 | 30 | 90;
export const DASHBOARD_RANGES: readonly DashboardRange[] = [7, 30, 90];

/** A drill-down: grouped `by`, optionally within one site, category or tag. */
export type BreakdownQuery = { by: BreakdownBy; site?: string; category?: string; tag?: string };

export type AlertsQuery = { status?: 'open' | 'all'; site?: string; thread?: string; limit?: number };

/** What the popup and the dashboard page need from the Worker (a fake in tests). */
export interface PulseApi {
  /** GET /v1/dashboard?range= (owners). */
  dashboard(range: DashboardRange): Promise<ApiCall<DashboardResponse>>;
  /** GET /v1/dashboard/breakdown (owners): posts per site, category, tag or thread. */
  breakdown(range: DashboardRange, query: BreakdownQuery): Promise<ApiCall<BreakdownResponse>>;
  /** GET /v1/alerts (moderators and owners). */
  alerts(query?: AlertsQuery): Promise<ApiCall<AlertsResponse>>;
  /** POST /v1/alerts/:id/ack: the updated alert. */
  acknowledge(id: string): Promise<ApiCall<Alert>>;
  /** POST /v1/alerts/:id/resolve: the updated alert. */
  resolve(id: string): Promise<ApiCall<Alert>>;
  /** GET /v1/accounts (owners): names for "acknowledged by". */
  accounts(): Promise<ApiCall<Account[]>>;
}

// The same failure shapes as lib/api.ts (whose helpers are private to it).
async function failure(res: Response): Promise<ApiCall<never>> {
  try {
    const body = (await res.json()) as ApiError;
    if (body?.error?.message) return { ok: false, status: res.status, code: body.error.code, error: `${res.status} ${body.error.code}: ${body.error.message}` };
  } catch {
    /* not JSON */
  }
  return { ok: false, status: res.status, code: null, error: `HTTP ${res.status}` };
}

/**
 * Runs a request and checks the answer against the shared schema: a Worker of another
 * version answers `code: 'bad_response'` instead of breaking the page.
 */
async function run<S extends z.ZodType, T>(baseUrl: string, schema: S, request: () => Promise<Response>, pick: (body: z.infer<S>) => T): Promise<ApiCall<T>> {
  let res: Response;
  try {
    res = await request();
  } catch (e) {
    return { ok: false, status: null, code: 'unreachable', error: `Worker unreachable at ${baseUrl} (${(e as Error)?.message || String(e)})` };
  }
  if (!res.ok) return failure(res);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, status: res.status, code: 'bad_response', error: 'The Worker answered with something other than JSON.' };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, status: res.status, code: 'bad_response', error: `Unexpected answer from the Worker (${issue?.path.join('.') || 'body'}: ${issue?.message})` };
  }
  return { ok: true, data: pick(parsed.data) };
}

export function pulseApi(baseUrl: string, token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): PulseApi {
  const base = baseUrl.replace(/\/+$/, '');
  const client = apiClient(base, token, fetchImpl);
  // /v1/alerts is not in the Worker's AppType yet (its routes are being written): a thin
  // fetch wrapper validated with shared/schemas/alerts.ts. Switch to `client.v1.alerts`
  // once worker/src/index.ts mounts them.
  const send = (method: 'GET' | 'POST', path: string) =>
    fetchImpl(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  const alertAction = (id: string, action: 'ack' | 'resolve') =>
    run(base, alertResponseSchema, () => send('POST', `/v1/alerts/${encodeURIComponent(id)}/${action}`), (b) => b.alert);

  return {
    dashboard: (range) =>
      run(base, dashboardResponseSchema, () => client.v1.dashboard.$get({ query: { range: String(range) as '7' | '30' | '90' } }), (b) => b),
    breakdown: (range, query) =>
      run(
        base,
        breakdownResponseSchema,
        () =>
          client.v1.dashboard.breakdown.$get({
            query: {
              range: String(range) as '7' | '30' | '90',
              by: query.by,
              ...(query.site ? { site: query.site } : {}),
              ...(query.category !== undefined ? { category: query.category } : {}),
              ...(query.tag ? { tag: query.tag } : {}),
            },
          }),
        (b) => b,
      ),
    alerts: (query = {}) => {
      const q = new URLSearchParams({ status: query.status ?? 'open' });
      if (query.site) q.set('site', query.site);
      if (query.thread) q.set('thread', query.thread);
      if (query.limit) q.set('limit', String(query.limit));
      return run(base, alertsResponseSchema, () => send('GET', `/v1/alerts?${q}`), (b) => b);
    },
    acknowledge: (id) => alertAction(id, 'ack'),
    resolve: (id) => alertAction(id, 'resolve'),
    accounts: () => run(base, accountsResponseSchema, () => client.v1.accounts.$get(), (b) => b.accounts),
  };
}

const accountsResponseSchema = z.object({ accounts: z.array(accountSchema) });
