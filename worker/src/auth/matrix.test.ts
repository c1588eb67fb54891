import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ROLE_RANK, type Role } from '../../../shared/schemas/auth';
import { call } from '../../test/call';
import { ADMIN_TOKEN, newCommunity } from '../../test/fixtures';
import { app } from '../index';
import { ACCESS, type Access } from './allow';

/**
 * The authorisation matrix: every route of the app (read from Hono's own route table,
 * so a new route is covered the moment it exists) × every kind of caller. A route that
 * does not declare who may call it fails here.
 */
interface Route {
  method: string;
  path: string;
  access: Access | undefined;
  /** Position of the allow() guard among the route's handlers. */
  guardIndex: number;
}

function routeTable(): Route[] {
  const byKey = new Map<string, Route & { handlers: unknown[] }>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue; // app-wide middleware (origin, body limit, identify, rate limit)
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method, path: r.path, access: undefined, guardIndex: -1, handlers: [] };
    const access = (r.handler as { [ACCESS]?: Access })[ACCESS];
    if (access && entry.access === undefined) {
      entry.access = access;
      entry.guardIndex = entry.handlers.length;
    }
    entry.handlers.push(r.handler);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * Valid bodies for routes that address one resource by id, so that a foreign owner's
 * request gets as far as the lookup (404) rather than stopping at validation. Other
 * routes get `{}`: allowed callers then see a 400, denied ones a 401/403.
 */
const VALID_BODIES: Record<string, (site: string) => unknown> = {
  'PATCH /v1/sites/:id': () => ({ engine: 'generic' }),
  'POST /v1/admin/communities/:id/invites': () => ({ role: 'member' }),
  'POST /v1/admin/communities/:id/import': (site) => ({ site, threads: [], posts: [], events: [] }),
  // Actions without a body.
  'POST /v1/alerts/:id/ack': () => undefined,
  'POST /v1/alerts/:id/resolve': () => undefined,
};

type Caller = 'anonymous' | 'member' | 'moderator' | 'owner' | 'otherOwner' | 'revoked' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'member', 'moderator', 'owner', 'otherOwner', 'revoked', 'admin'];

/** A community with one account of each role, a revoked one, and resources to point at. */
async function world() {
  const a = await newCommunity(2);
  const b = await newCommunity();
  const member = await a.join('member');
  const moderator = await a.join('moderator');
  const revoked = await a.join('member');
  const victim = await a.join('member');
  await call('DELETE', `/v1/accounts/${revoked.accountId}`, undefined, { token: a.owner });
  const invite = await call('POST', '/v1/invites', { role: 'member' }, { token: a.owner });
  const me = await call('GET', '/v1/me', undefined, { token: a.owner });
  const spareSite = me.body.community.sites.find((s: { origin: string }) => s.origin === a.sites[1])!;
  const alertId = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO alerts (id, community_id, site_id, kind, severity, details, dedup_key, opened_at, status) VALUES (?, ?, ?, 'pile_on', 'warning', '{}', ?, ?, 'open')",
  )
    .bind(alertId, a.id, spareSite.id, `matrix:${alertId}`, Date.now())
    .run();
  const tokens: Record<Caller, string | undefined> = {
    anonymous: undefined,
    member: member.token,
    moderator: moderator.token,
    owner: a.owner,
    otherOwner: b.owner,
    revoked: revoked.token,
    admin: ADMIN_TOKEN,
  };
  // Path parameters point at community A's own resources.
  const fill = (path: string) =>
    path
      .replace('/v1/invites/:id', `/v1/invites/${invite.body.invite.id}`)
      .replace('/v1/accounts/:id', `/v1/accounts/${victim.accountId}`)
      .replace('/v1/sites/:id', `/v1/sites/${spareSite.id}`)
      .replace('/v1/alerts/:id', `/v1/alerts/${alertId}`)
      .replace('/v1/admin/communities/:id', `/v1/admin/communities/${a.id}`);
  return { tokens, fill, site: a.site };
}

function expected(access: Access, who: Caller, hasParam: boolean): 'allowed' | 401 | 403 | 404 {
  if (access === 'public') return 'allowed';
  if (who === 'anonymous' || who === 'revoked') return 401;
  if (access === 'admin') return who === 'admin' ? 'allowed' : 403;
  if (who === 'admin') return 403;
  if (who === 'otherOwner') return hasParam ? 404 : 'allowed';
  return ROLE_RANK[who as Role] >= ROLE_RANK[access] ? 'allowed' : 403;
}

const routes = routeTable();

/** One world serves every call until a call changes it (a successful DELETE). */
let shared: Awaited<ReturnType<typeof world>> | null = null;

describe('authorisation matrix', () => {
  it('covers the API', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining(['POST /v1/events', 'POST /v1/annotate', 'GET /v1/health', 'POST /v1/join', 'DELETE /v1/me', 'GET /v1/community/members']),
    );
  });

  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    it(`${key} declares who may call it, before anything else runs`, () => {
      expect(route.access, `${key} has no allow(...) rule`).toBeDefined();
      expect(route.guardIndex, `${key}: allow(...) must be the route's first handler`).toBe(0);
    });

    it(`${key}: ${CALLERS.join(' / ')}`, { timeout: 60_000 }, async () => {
      if (!route.access) return;
      if (route.path.includes(':')) {
        expect(['DELETE', 'GET'].includes(route.method) || key in VALID_BODIES, `${key}: add a valid body to VALID_BODIES`).toBe(true);
      }
      const results: Record<string, number> = {};
      for (const who of CALLERS) {
        shared ??= await world();
        const { tokens, fill, site } = shared;
        const path = fill(route.path);
        expect(path, `${key}: the matrix does not know how to fill this path`).not.toContain(':');
        const body = key in VALID_BODIES ? VALID_BODIES[key]!(site) : ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
        const res = await call(route.method, path, body, { token: tokens[who] });
        results[who] = res.status;
        if ((['DELETE', 'PATCH'].includes(route.method) || key in VALID_BODIES) && res.status < 300) shared = null; // it changed something: rebuild
        const want = expected(route.access, who, route.path.includes(':'));
        if (want === 'allowed') {
          expect([401, 403], `${key} as ${who}: ${JSON.stringify(res.body)}`).not.toContain(res.status);
          expect(res.status, `${key} as ${who}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        } else {
          expect(res.status, `${key} as ${who}: ${JSON.stringify(res.body)}`).toBe(want);
          expect(res.body.error.code).toBe(
            want === 401 ? (who === 'revoked' ? 'token_revoked' : 'unauthorized') : want === 403 ? 'forbidden' : 'not_found',
          );
        }
      }
      console.log(`${key.padEnd(42)} ${route.access.padEnd(9)} ${CALLERS.map((w) => `${w}=${results[w]}`).join(' ')}`);
    });
  }
});
