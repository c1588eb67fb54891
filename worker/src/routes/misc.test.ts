import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call } from '../../test/call';
import { newCommunity } from '../../test/fixtures';
import worker from '../index';

describe('routing and errors', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const res = await call('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /v1/nope' } });
  });

  it('reports health with the database reachable', async () => {
    const res = await call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, service: 'community-pulse', database: true });
  });

  it('never leaks an internal error or its stack', async () => {
    const brokenDb = new Proxy(env.DB, {
      get() {
        throw new Error('boom at /srv/secret/path.ts:12');
      },
    });
    const req = new Request('http://pulse.test/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer cp_some-token' },
      body: JSON.stringify({
        events: [
          {
            id: '019a0000-0000-7000-8000-000000000001',
            type: 'page_view',
            ts: '2026-11-20T10:00:00Z',
            site: 'https://x.example',
            actor: null,
            thread: null,
          },
        ],
      }),
    });
    const res = await worker.fetch(req as any, { ...env, DB: brokenDb } as any, {} as any);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    expect(text).not.toContain('secret');
  });

  it('refuses to pseudonymise without a configured key', async () => {
    const c = await newCommunity();
    const req = new Request('http://pulse.test/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.owner}` },
      body: JSON.stringify({
        events: [
          {
            id: '019a0000-0000-7000-8000-000000000002',
            type: 'page_view',
            ts: '2026-11-20T10:00:00Z',
            site: c.site,
            actor: 'someone',
            thread: null,
          },
        ],
      }),
    });
    const res = await worker.fetch(req as any, { ...env, PSEUDONYM_KEY: '' } as any, {} as any);
    expect(res.status).toBe(500);
    expect((await res.json<any>()).error.code).toBe('server_misconfigured');
  });
});
