import { describe, expect, it } from 'vitest';
import { call } from '../../test/call';
import { newCommunity, uniqueOrigin } from '../../test/fixtures';

describe('sites', () => {
  it('lets the owner add a site, give it selectors, and remove it; members see the result', async () => {
    const c = await newCommunity();
    const member = await c.join('member');
    const origin = uniqueOrigin();
    const added = await call('POST', '/v1/sites', { origin, engine: 'generic' }, { token: c.owner });
    expect(added.status).toBe(201);
    const site = added.body.community.sites.find((s: { origin: string }) => s.origin === origin);
    expect(site).toMatchObject({ engine: 'generic', selectors: null });

    const selectors = { post: 'article.post', author: '.author a', time: 'time', body: '.content', id: '@data-id' };
    const patched = await call('PATCH', `/v1/sites/${site.id}`, { selectors }, { token: c.owner });
    expect(patched.status).toBe(200);
    const me = await call('GET', '/v1/me', undefined, { token: member.token });
    expect(me.body.community.sites.find((s: { id: number }) => s.id === site.id).selectors).toEqual(selectors);

    expect((await call('PATCH', `/v1/sites/${site.id}`, { selectors: { author: 'x' } }, { token: c.owner })).body.error.field).toBe(
      'selectors.post',
    );
    expect((await call('PATCH', `/v1/sites/${site.id}`, { selectors: null }, { token: c.owner })).body.community.sites[1].selectors).toBeNull();
    expect((await call('POST', '/v1/sites', { origin, engine: 'generic' }, { token: c.owner })).status).toBe(409);
    expect((await call('DELETE', `/v1/sites/${site.id}`, undefined, { token: c.owner })).status).toBe(200);
    expect((await call('GET', '/v1/me', undefined, { token: member.token })).body.community.sites).toHaveLength(1);
  });
});
