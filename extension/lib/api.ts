import { hc } from 'hono/client';
import type { AnnotateRequest, AnnotateResponse } from '../../shared/schemas/annotate';
import type {
  Account,
  Community,
  CreatedInvite,
  CreateInvite,
  Invite,
  JoinResponse,
  MeResponse,
  SiteInput,
  SitePatch,
} from '../../shared/schemas/auth';
import type { CatalogueRequest } from '../../shared/schemas/catalogue';
import type { CorrectionRequest, CorrectionResponse } from '../../shared/schemas/corrections';
import type { ApiError } from '../../shared/schemas/errors';
import type { PulseEvent } from '../../shared/schemas/events';
import type { HealthResponse } from '../../shared/schemas/health';
import type { RecommendationsResponse } from '../../shared/schemas/recommendations';
import type { AppType } from '../../worker/src/index';
import type { SendResult } from './outbox';

/** The Worker's typed client: routes, bodies and answers come from the Worker's own types. */
export function apiClient(baseUrl: string, token: string | null = null, fetchImpl: typeof fetch = fetch) {
  return hc<AppType>(baseUrl, {
    fetch: fetchImpl,
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
  });
}

export type ApiCall<T> = { ok: true; data: T } | { ok: false; status: number | null; code: string | null; error: string };

async function failure(res: Response): Promise<{ ok: false; status: number; code: string | null; error: string }> {
  try {
    const body = (await res.json()) as ApiError;
    if (body?.error?.message) {
      return { ok: false, status: res.status, code: body.error.code, error: `${res.status} ${body.error.code}: ${body.error.message}` };
    }
  } catch {
    /* not JSON */
  }
  return { ok: false, status: res.status, code: null, error: `HTTP ${res.status}` };
}

function unreachable(baseUrl: string, e: unknown) {
  return { ok: false as const, status: null, code: 'unreachable', error: `Worker unreachable at ${baseUrl} (${(e as Error)?.message || String(e)})` };
}

async function run<T>(baseUrl: string, request: () => Promise<Response>): Promise<ApiCall<T>> {
  let res: Response;
  try {
    res = await request();
  } catch (e) {
    return unreachable(baseUrl, e);
  }
  if (!res.ok) return failure(res);
  return { ok: true, data: (await res.json()) as T };
}

/** Sends a batch of events; tells the outbox whether a failure is worth retrying. */
export async function sendEvents(
  baseUrl: string,
  token: string | null,
  events: PulseEvent[],
  fetchImpl?: typeof fetch,
): Promise<SendResult & { code?: string | null }> {
  let res: Response;
  try {
    res = await apiClient(baseUrl, token, fetchImpl).v1.events.$post({ json: { events } });
  } catch (e) {
    const u = unreachable(baseUrl, e);
    return { ok: false, retry: true, error: u.error, code: u.code };
  }
  if (res.ok) return { ok: true };
  const f = await failure(res.clone());
  if (res.status === 400) {
    let field: string | undefined;
    try {
      field = ((await res.json()) as ApiError).error.field;
    } catch {
      /* no field */
    }
    const index = /^events\.(\d+)/.exec(field ?? '')?.[1];
    return { ok: false, retry: false, error: f.error, code: f.code, ...(index !== undefined ? { rejectIndex: Number(index) } : {}) };
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    // 401/403/404 mean a wrong URL, token or setup: keep the events until it is fixed.
    retry: res.status !== 413,
    error: f.error,
    code: f.code,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

export function annotate(baseUrl: string, token: string | null, request: AnnotateRequest, fetchImpl?: typeof fetch) {
  return run<AnnotateResponse>(baseUrl, () => apiClient(baseUrl, token, fetchImpl).v1.annotate.$post({ json: request }));
}

export function recommendations(baseUrl: string, token: string, query: { site: string; thread?: string; k?: number }, fetchImpl?: typeof fetch) {
  return run<RecommendationsResponse>(baseUrl, () =>
    apiClient(baseUrl, token, fetchImpl).v1.recommendations.$get({
      query: { site: query.site, ...(query.thread ? { thread: query.thread } : {}), ...(query.k ? { k: String(query.k) } : {}) },
    }),
  );
}

export function catalogue(baseUrl: string, token: string, request: CatalogueRequest, fetchImpl?: typeof fetch) {
  return run<{ recorded: number }>(baseUrl, () => apiClient(baseUrl, token, fetchImpl).v1.catalogue.$post({ json: request }));
}

/** A moderator's correction of a post's sentiment or toxicity label. */
export function correctLabel(baseUrl: string, token: string, request: CorrectionRequest, fetchImpl?: typeof fetch) {
  return run<CorrectionResponse>(baseUrl, () => apiClient(baseUrl, token, fetchImpl).v1.corrections.$post({ json: request }));
}

export function join(baseUrl: string, code: string, label: string | undefined, fetchImpl?: typeof fetch) {
  return run<JoinResponse>(baseUrl, () =>
    apiClient(baseUrl, null, fetchImpl).v1.join.$post({ json: { code, ...(label ? { label } : {}) } }),
  );
}

export function me(baseUrl: string, token: string, fetchImpl?: typeof fetch) {
  return run<MeResponse>(baseUrl, () => apiClient(baseUrl, token, fetchImpl).v1.me.$get());
}

export function exportMyData(baseUrl: string, token: string, fetchImpl?: typeof fetch) {
  return run<unknown>(baseUrl, () => apiClient(baseUrl, token, fetchImpl).v1.me.export.$get());
}

export function deleteMyData(baseUrl: string, token: string, fetchImpl?: typeof fetch) {
  return run<{ deleted: { identities: number; events: number; posts: number }; revoked: boolean }>(baseUrl, () =>
    apiClient(baseUrl, token, fetchImpl).v1.me.$delete(),
  );
}

export async function checkHealth(baseUrl: string, fetchImpl?: typeof fetch): Promise<ApiCall<HealthResponse>> {
  const r = await run<HealthResponse>(baseUrl, () => apiClient(baseUrl, null, fetchImpl).v1.health.$get());
  if (r.ok && r.data?.service !== 'community-pulse') {
    return { ok: false, status: 200, code: 'not_pulse', error: 'That address answers, but it is not a Community Pulse Worker.' };
  }
  return r;
}

/** Owner's administration: invites, accounts, sites and settings. */
export function ownerApi(baseUrl: string, token: string, fetchImpl?: typeof fetch) {
  const c = apiClient(baseUrl, token, fetchImpl);
  return {
    listInvites: () => run<{ invites: Invite[] }>(baseUrl, () => c.v1.invites.$get()),
    createInvite: (input: CreateInvite) => run<CreatedInvite>(baseUrl, () => c.v1.invites.$post({ json: input })),
    revokeInvite: (id: string) => run<{ invite: Invite }>(baseUrl, () => c.v1.invites[':id'].$delete({ param: { id } })),
    listAccounts: () => run<{ accounts: Account[] }>(baseUrl, () => c.v1.accounts.$get()),
    revokeAccount: (id: string) => run<{ revoked: string }>(baseUrl, () => c.v1.accounts[':id'].$delete({ param: { id } })),
    addSite: (site: SiteInput) => run<{ community: Community }>(baseUrl, () => c.v1.sites.$post({ json: site })),
    patchSite: (id: number, patch: SitePatch) =>
      run<{ community: Community }>(baseUrl, () => c.v1.sites[':id'].$patch({ param: { id: String(id) }, json: patch })),
    setMemberScores: (memberScores: boolean) =>
      run<{ community: Community }>(baseUrl, () => c.v1.community.settings.$patch({ json: { memberScores } })),
  };
}
