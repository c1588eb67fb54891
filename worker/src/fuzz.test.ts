import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, newCommunity } from '../test/fixtures';
import { bodyFor, paramValue, query } from '../test/fuzz-bodies';
import { ACCESS, type Access } from './auth/allow';
import { app } from './index';

/**
 * Property-based tests on every route (from Hono's route table): whatever the body,
 * path or query, the Worker never answers 5xx, and every 4xx is a JSON error.
 */
const routes = [...new Map(app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values()];
const accessOf = (key: string): Access | undefined =>
  app.routes.filter((r) => `${r.method} ${r.path}` === key).map((r) => (r.handler as { [ACCESS]?: Access })[ACCESS]).find(Boolean);

async function send(method: string, path: string, body: string | undefined, token: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await SELF.fetch(`http://pulse.test${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, text };
}

function checkAnswer(key: string, input: unknown, r: { status: number; text: string }) {
  const where = `${key} with ${JSON.stringify(input)?.slice(0, 300)} -> ${r.status} ${r.text.slice(0, 300)}`;
  expect(r.status, where).toBeLessThan(500);
  if (r.status >= 400) {
    const parsed = JSON.parse(r.text);
    expect(typeof parsed.error?.code, where).toBe('string');
    expect(typeof parsed.error?.message, where).toBe('string');
  }
}

describe('fuzzing every route', () => {
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    it(`${key}: no 5xx, every 4xx a JSON error`, { timeout: 120_000 }, async () => {
      const c = await newCommunity();
      const token = accessOf(key) === 'admin' ? ADMIN_TOKEN : c.owner;
      const hasBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(bodyFor(key), paramValue, query, async (body, param, q) => {
          const path = route.path.replace(/:[a-zA-Z]+/g, encodeURIComponent(param)) + (route.method === 'GET' ? q.replaceAll('https://forum.example', encodeURIComponent(c.site)) : '');
          // The generated bodies name https://forum.example: make it the community's own site so
          // valid-looking requests get past the site check into storage.
          const raw = hasBody ? JSON.stringify(body)?.replaceAll('https://forum.example', c.site) : undefined;
          const r = await send(route.method, path, raw, token);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          checkAnswer(key, { body, param, q }, r);
        }),
        { numRuns: 60, seed: 20261125 },
      );
      console.log(`${key.padEnd(42)} ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}`);
    });
  }

  it('answers malformed bodies with JSON 4xx: broken JSON, deep nesting, invalid UTF-8, huge strings', { timeout: 60_000 }, async () => {
    const c = await newCommunity();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const bodies: Array<[string, string | Uint8Array]> = [
      ['broken', '{"events": [{'],
      ['deep arrays', deep],
      ['deep objects', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
      ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d])],
      ['lone surrogates', JSON.stringify({ events: [{ id: '\ud800', type: '\udfff', ts: 'x', site: '\ud83d', actor: null }] })],
      ['huge string', JSON.stringify({ site: 'x'.repeat(900_000) })],
      ['not an object', '"just a string"'],
      ['empty', ''],
    ];
    for (const path of ['/v1/events', '/v1/annotate', '/v1/join', '/v1/invites']) {
      for (const [name, raw] of bodies) {
        const res = await SELF.fetch(`http://pulse.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${c.owner}` },
          body: raw as BodyInit,
        });
        const text = await res.text();
        expect(res.status, `${path} ${name}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${name}: ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(JSON.parse(text).error.code, `${path} ${name}`).toEqual(expect.any(String));
      }
    }
  });

  it('refuses oversized bodies with 413 before reading them', async () => {
    const c = await newCommunity();
    for (const path of ['/v1/events', '/v1/annotate', '/v1/join']) {
      const res = await SELF.fetch(`http://pulse.test${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.owner}` },
        body: JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
      });
      expect(res.status).toBe(413);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('payload_too_large');
    }
  });
});
