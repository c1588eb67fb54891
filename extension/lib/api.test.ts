import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '../../shared/schemas/events';
import { checkHealth, sendEvents } from './api';

const events: PulseEvent[] = [
  { id: uuidv7(), type: 'page_view', ts: '2026-11-20T10:00:00Z', site: 'https://f.example', actor: null, thread: '1' },
];

/** A fetch that answers like the Worker would, recording the request. */
function worker(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('sendEvents', () => {
  it('posts the batch as JSON to /v1/events through the typed client', async () => {
    const w = worker(200, { received: 1, stored: 1 });
    expect(await sendEvents('https://pulse.example/base', 'cp_tok', events, w.fetchImpl)).toEqual({ ok: true });
    expect(w.calls[0]!.url).toBe('https://pulse.example/base/v1/events');
    expect(w.calls[0]!.method).toBe('POST');
    expect(await w.calls[0]!.json()).toEqual({ events });
    expect(w.calls[0]!.headers.get('authorization')).toBe('Bearer cp_tok');
  });

  it('retries server errors and rate limits, honouring Retry-After', async () => {
    expect(await sendEvents('https://p.example', 'cp_tok', events, worker(503, { error: { code: 'x', message: 'down' } }).fetchImpl)).toMatchObject({
      ok: false,
      retry: true,
      error: '503 x: down',
    });
    expect(
      await sendEvents('https://p.example', 'cp_tok', events, worker(429, { error: { code: 'rate_limited', message: 'slow' } }, { 'retry-after': '30' }).fetchImpl),
    ).toMatchObject({ ok: false, retry: true, retryAfterMs: 30_000 });
  });

  it('keeps events when the address is wrong (404) so nothing is lost before it is fixed', async () => {
    expect(await sendEvents('https://p.example', 'cp_tok', events, worker(404, { error: { code: 'not_found', message: 'No route' } }).fetchImpl)).toMatchObject({
      ok: false,
      retry: true,
    });
  });

  it('names the refused event on a 400 so only that one is dropped', async () => {
    const w = worker(400, { error: { code: 'invalid_body', message: 'events.3.ts: bad', field: 'events.3.ts' } });
    expect(await sendEvents('https://p.example', 'cp_tok', events, w.fetchImpl)).toEqual({
      ok: false,
      retry: false,
      code: 'invalid_body',
      error: '400 invalid_body: events.3.ts: bad',
      rejectIndex: 3,
    });
  });

  it('tells the caller when the token was revoked', async () => {
    const w = worker(401, { error: { code: 'token_revoked', message: 'revoked' } });
    expect(await sendEvents('https://p.example', 'cp_tok', events, w.fetchImpl)).toMatchObject({ ok: false, code: 'token_revoked' });
  });

  it('reports an unreachable Worker as retryable', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const r = await sendEvents('http://127.0.0.1:9', 'cp_tok', events, down);
    expect(r).toMatchObject({ ok: false, retry: true });
    expect(r.ok ? '' : r.error).toContain('Worker unreachable at http://127.0.0.1:9');
  });
});

describe('checkHealth', () => {
  it('accepts a Community Pulse Worker', async () => {
    const w = worker(200, { ok: true, service: 'community-pulse', version: '0.1.0', database: true });
    expect(await checkHealth('https://p.example', w.fetchImpl)).toMatchObject({ ok: true, data: { version: '0.1.0' } });
    expect(w.calls[0]!.url).toBe('https://p.example/v1/health');
    expect(w.calls[0]!.headers.get('authorization')).toBeNull();
  });

  it('says so when the address answers but is something else', async () => {
    const r = await checkHealth('https://p.example', worker(200, { hello: 'world' }).fetchImpl);
    expect(r).toMatchObject({ ok: false, error: 'That address answers, but it is not a Community Pulse Worker.' });
  });
});
