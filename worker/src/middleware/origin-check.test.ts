import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Called, call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';

const EXTENSION = 'chrome-extension://testextensionid';

describe('browser origins', () => {
  it('answers the extension’s preflight and requests with CORS headers', async () => {
    const pre = await SELF.fetch('http://pulse.test/v1/events', {
      method: 'OPTIONS',
      headers: { origin: EXTENSION, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    const res = await call('GET', '/v1/health', undefined, { headers: { origin: 'https://dashboard.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
  });

  it('refuses any other origin before the route runs', async () => {
    const c = await newCommunity();
    for (const origin of ['https://evil.example', 'chrome-extension://someotherextension', 'null']) {
      const res = await call('POST', '/v1/events', { events: [pageView(c.site, 'x')] }, { token: c.owner, headers: { origin } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('per-token rate limit', () => {
  // The test Worker allows 100 requests a minute (worker/vitest.config.ts; production: 600).
  // Windows are fixed minutes: if one ends mid-test the count restarts, so up to two
  // windows' worth of requests may be needed; a 429 must come all the same.
  const LIMIT = 100;
  it('answers 429 with Retry-After once a token passes its limit, other tokens unaffected', { timeout: 120_000 }, async () => {
    const c = await newCommunity();
    const other = await c.join('member');
    let status = 200;
    let n = 0;
    let last: Called | undefined;
    while (status !== 429 && n < 2 * LIMIT + 10) {
      last = await call('GET', '/v1/me', undefined, { token: c.owner });
      status = last.status;
      n += 1;
    }
    expect(status).toBe(429);
    expect(n).toBeGreaterThan(LIMIT - 5); // the owner's few setup requests count too
    expect(last!.headers.get('retry-after')).toBe('60');
    expect(last!.body.error.code).toBe('rate_limited');
    expect((await call('GET', '/v1/me', undefined, { token: other.token })).status).toBe(200);
  });

  it('limits callers without a token by their IP address', { timeout: 120_000 }, async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    let status = 200;
    let n = 0;
    while (status !== 429 && n < 2 * LIMIT + 10) {
      status = (await call('GET', '/v1/health', undefined, { headers: { 'cf-connecting-ip': ip } })).status;
      n += 1;
    }
    expect(status).toBe(429);
    expect((await call('GET', '/v1/health', undefined, { headers: { 'cf-connecting-ip': '198.51.100.7' } })).status).toBe(200);
  });
});
