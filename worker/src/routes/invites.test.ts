import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../auth/secrets';
import { call } from '../../test/call';
import { ADMIN_TOKEN, newCommunity, pageView, uniqueOrigin } from '../../test/fixtures';

describe('invites and tokens', () => {
  it('lets the operator create a community whose owner invite is shown once and stored as a hash', async () => {
    const origin = uniqueOrigin();
    const res = await call('POST', '/v1/admin/communities', { name: '数据分析研习社', sites: [{ origin, engine: 'discourse' }] }, { token: ADMIN_TOKEN });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^CP-[A-Z2-7]{26}$/);
    expect(res.body.community).toMatchObject({ name: '数据分析研习社', sites: [{ origin, engine: 'discourse' }], settings: { memberScores: true } });
    expect(res.body.invite).toMatchObject({ role: 'owner', maxUses: 1, uses: 0 });
    const row = await env.DB.prepare('SELECT * FROM invites WHERE id = ?').bind(res.body.invite.id).first<Record<string, unknown>>();
    expect(row!.code_hash).toBe(await sha256Hex(res.body.code));
    expect(JSON.stringify(row)).not.toContain(res.body.code);
    // GET /v1/invites never shows codes again.
    const joined = await call('POST', '/v1/join', { code: res.body.code.toLowerCase() });
    expect(joined.status).toBe(201);
    const list = await call('GET', '/v1/invites', undefined, { token: joined.body.token });
    expect(JSON.stringify(list.body)).not.toContain(res.body.code);
    expect(list.body.invites[0]).toMatchObject({ uses: 1 });
  });

  it('refuses a site that already belongs to a community', async () => {
    const c = await newCommunity();
    const res = await call('POST', '/v1/admin/communities', { name: 'copy', sites: [{ origin: c.site, engine: 'discourse' }] }, { token: ADMIN_TOKEN });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('site_taken');
  });

  it('stores tokens only as hashes', async () => {
    const c = await newCommunity();
    const m = await c.join('member');
    expect(m.token).toMatch(/^cp_[\w-]{43}$/);
    const row = await env.DB.prepare('SELECT * FROM accounts WHERE id = ?').bind(m.accountId).first<Record<string, unknown>>();
    expect(row!.token_hash).toBe(await sha256Hex(m.token));
    expect(JSON.stringify(row)).not.toContain(m.token);
    expect(row!.role).toBe('member');
  });

  it('honours max uses, and says why a code no longer works', async () => {
    const c = await newCommunity();
    const invite = await call('POST', '/v1/invites', { role: 'member', maxUses: 2 }, { token: c.owner });
    expect((await call('POST', '/v1/join', { code: invite.body.code })).status).toBe(201);
    expect((await call('POST', '/v1/join', { code: invite.body.code })).status).toBe(201);
    const third = await call('POST', '/v1/join', { code: invite.body.code });
    expect(third.status).toBe(400);
    expect(third.body.error).toEqual({ code: 'invite_invalid', message: 'This invite has been used up' });
    expect((await call('POST', '/v1/join', { code: 'CP-AAAAAAAAAAAAAAAAAAAAAAAAAA' })).body.error.message).toBe('This invite code is not valid');
  });

  it('refuses an expired invite', async () => {
    const c = await newCommunity();
    const invite = await call('POST', '/v1/invites', { role: 'member', expiresInDays: 1 }, { token: c.owner });
    await env.DB.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, invite.body.invite.id).run();
    const res = await call('POST', '/v1/join', { code: invite.body.code });
    expect(res.body.error.message).toBe('This invite has expired');
  });

  it('refuses a revoked invite', async () => {
    const c = await newCommunity();
    const invite = await call('POST', '/v1/invites', { role: 'moderator' }, { token: c.owner });
    expect((await call('DELETE', `/v1/invites/${invite.body.invite.id}`, undefined, { token: c.owner })).status).toBe(200);
    expect((await call('POST', '/v1/join', { code: invite.body.code })).body.error.message).toBe('This invite was revoked');
  });

  it('revokes an account at once, and keeps the last owner', async () => {
    const c = await newCommunity();
    const m = await c.join('member');
    expect((await call('GET', '/v1/me', undefined, { token: m.token })).status).toBe(200);
    expect((await call('DELETE', `/v1/accounts/${m.accountId}`, undefined, { token: c.owner })).status).toBe(200);
    const after = await call('POST', '/v1/events', { events: [pageView(c.site, 'm')] }, { token: m.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('token_revoked');
    const last = await call('DELETE', `/v1/accounts/${c.ownerAccountId}`, undefined, { token: c.owner });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_owner');
  });

  it('lists accounts for the owner, with labels and linked identities', async () => {
    const c = await newCommunity();
    const invite = await call('POST', '/v1/invites', { role: 'member' }, { token: c.owner });
    const m = await call('POST', '/v1/join', { code: invite.body.code, label: 'laptop' });
    await call('POST', '/v1/events', { events: [pageView(c.site, 'zoe')] }, { token: m.body.token });
    const list = await call('GET', '/v1/accounts', undefined, { token: c.owner });
    expect(list.body.accounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: m.body.account.id, role: 'member', label: 'laptop', identities: 1, revokedAt: null })]),
    );
  });
});
