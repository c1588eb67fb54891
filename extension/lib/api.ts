import { hc } from 'hono/client';
import type { AnnotateRequest, AnnotateResponse } from '../../shared/schemas/annotate';
import type { ApiError } from '../../shared/schemas/errors';
import type { PulseEvent } from '../../shared/schemas/events';
import type { HealthResponse } from '../../shared/schemas/health';
import type { AppType } from '../../worker/src/index';
import type { SendResult } from './outbox';

/** The Worker's typed client: routes, bodies and answers come from the Worker's own types. */
export function apiClient(baseUrl: string, fetchImpl: typeof fetch = fetch) {
  return hc<AppType>(baseUrl, { fetch: fetchImpl });
}

export type ApiCall<T> = { ok: true; data: T } | { ok: false; status: number | null; error: string };

async function errorOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as ApiError;
    if (body?.error?.message) return `${res.status} ${body.error.code}: ${body.error.message}`;
  } catch {
    /* not JSON */
  }
  return `HTTP ${res.status}`;
}

function unreachable(baseUrl: string, e: unknown): string {
  return `Worker unreachable at ${baseUrl} (${(e as Error)?.message || String(e)})`;
}

/** Sends a batch of events; tells the outbox whether a failure is worth retrying. */
export async function sendEvents(baseUrl: string, events: PulseEvent[], fetchImpl?: typeof fetch): Promise<SendResult> {
  let res: Response;
  try {
    res = await apiClient(baseUrl, fetchImpl).v1.events.$post({ json: { events } });
  } catch (e) {
    return { ok: false, retry: true, error: unreachable(baseUrl, e) };
  }
  if (res.ok) return { ok: true };
  const error = await errorOf(res.clone());
  if (res.status === 400) {
    let field: string | undefined;
    try {
      field = ((await res.json()) as ApiError).error.field;
    } catch {
      /* no field */
    }
    const index = /^events\.(\d+)/.exec(field ?? '')?.[1];
    return { ok: false, retry: false, error, ...(index !== undefined ? { rejectIndex: Number(index) } : {}) };
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    // 401/403/404 mean a wrong URL or setup: keep the events until it is fixed.
    retry: res.status !== 413,
    error,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

export async function annotate(baseUrl: string, request: AnnotateRequest, fetchImpl?: typeof fetch): Promise<ApiCall<AnnotateResponse>> {
  try {
    const res = await apiClient(baseUrl, fetchImpl).v1.annotate.$post({ json: request });
    if (res.ok) return { ok: true, data: (await res.json()) as AnnotateResponse };
    return { ok: false, status: res.status, error: await errorOf(res) };
  } catch (e) {
    return { ok: false, status: null, error: unreachable(baseUrl, e) };
  }
}

export async function checkHealth(baseUrl: string, fetchImpl?: typeof fetch): Promise<ApiCall<HealthResponse>> {
  try {
    const res = await apiClient(baseUrl, fetchImpl).v1.health.$get();
    if (!res.ok) return { ok: false, status: res.status, error: await errorOf(res) };
    const body = (await res.json()) as HealthResponse;
    if (body?.service !== 'community-pulse') {
      return { ok: false, status: res.status, error: 'That address answers, but it is not a Community Pulse Worker.' };
    }
    return { ok: true, data: body };
  } catch (e) {
    return { ok: false, status: null, error: unreachable(baseUrl, e) };
  }
}
