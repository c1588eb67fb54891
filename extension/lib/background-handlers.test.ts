import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { alertsCacheItem } from './alerts-cache';
import { type BackgroundDeps, handleMessage, refreshOpenAlerts } from './background-handlers';
import { annotateMessage, type Reply } from './messages';
import { Outbox } from './outbox';
import type { Session } from './session';
import { testSession } from '../test/session';

beforeEach(() => fakeBrowser.reset());

const session: Session = testSession();

function deps(fetchImpl: typeof fetch, current: Session | null = session): BackgroundDeps & { revoked: () => boolean } {
  let revoked = false;
  return {
    outbox: new Outbox(),
    workerUrl: async () => 'https://pulse.example',
    session: async () => (revoked && current ? { ...current, revokedAt: 'now' } : current),
    saveSession: async (s) => {
      current = s;
    },
    onRevoked: async () => {
      revoked = true;
    },
    revoked: () => revoked,
    scheduleFlush: vi.fn(),
    fetchImpl,
  };
}

const good = () => ({ id: uuidv7(), type: 'page_view', ts: '2026-11-20T10:00:00Z', site: 'https://f.example', actor: 'mei', thread: '1' });

describe('background message handling', () => {
  it('queues valid events, drops malformed ones, and asks for a flush', async () => {
    const d = deps(vi.fn() as unknown as typeof fetch);
    const reply = await handleMessage(
      { type: 'events', events: [good(), { ...good(), site: 'javascript:alert(1)' }, { nonsense: true }, good()] as never },
      d,
    );
    expect(reply).toEqual({ ok: true, queued: 2 });
    expect((await d.outbox.status()).pending).toHaveLength(2);
    expect(d.scheduleFlush).toHaveBeenCalledOnce();
  });

  it('validates annotate requests before they leave the browser', async () => {
    const fetchImpl = vi.fn() as unknown as typeof fetch;
    const reply = await handleMessage(annotateMessage({ site: 'nope' } as never), deps(fetchImpl));
    expect(reply).toMatchObject({ ok: false, code: 'invalid' });
    expect(await handleMessage({ type: 'annotate', requestJson: '{"site": ' }, deps(fetchImpl))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await handleMessage({ type: 'annotate', requestJson: 42 as never }, deps(fetchImpl))).toMatchObject({ ok: false, code: 'invalid' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('keeps events, unsent, until the browser has joined a community', async () => {
    const fetchImpl = vi.fn() as unknown as typeof fetch;
    const d = deps(fetchImpl, null);
    await handleMessage({ type: 'events', events: [good()] as never }, d);
    await handleMessage({ type: 'flush-now' }, d);
    expect(fetchImpl).not.toHaveBeenCalled();
    expect((await d.outbox.status()).pending).toHaveLength(1);
    expect(await handleMessage(annotateMessage({} as never), d)).toMatchObject({ ok: false, code: 'not_joined' });
  });

  it('notices a revoked token, stops sending and tells the overlay', async () => {
    const fetchImpl = vi.fn(
      async () => new Response(JSON.stringify({ error: { code: 'token_revoked', message: 'revoked' } }), { status: 401 }),
    ) as unknown as typeof fetch;
    const d = deps(fetchImpl);
    await handleMessage({ type: 'events', events: [good()] as never }, d);
    await handleMessage({ type: 'flush-now' }, d);
    expect(d.revoked()).toBe(true);
    expect((await d.outbox.status()).pending).toHaveLength(1); // kept, not lost
    const reply = await handleMessage(annotateMessage({} as never), d);
    expect(reply).toMatchObject({ ok: false, code: 'token_revoked', error: expect.stringContaining('revoked') });
    await handleMessage({ type: 'flush-now' }, d);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('answers "outbox-status" with counts and times, not the waiting events', async () => {
    const d = deps(vi.fn() as unknown as typeof fetch, null);
    await handleMessage({ type: 'events', events: [good(), good(), good()] as never }, d);
    const reply = (await handleMessage({ type: 'outbox-status' }, d)) as Reply<{ type: 'outbox-status' }>;
    expect(reply).toEqual({
      ok: true,
      outbox: { pending: 3, attempts: 0, nextAttemptAt: 0, lastError: null, lastSentAt: null, sent: 0, dropped: 0, rejected: 0 },
      workerUrl: 'https://pulse.example',
      session: null,
    });
  });

  it('refreshes the community from the Worker and answers content scripts with their site’s settings', async () => {
    const community = { ...session.community, sites: [{ ...session.community.sites[0]!, engine: 'generic', selectors: { post: 'article' } }] };
    const fetchImpl = vi.fn(
      async () =>
        new Response(JSON.stringify({ account: { id: 'a1', role: 'moderator', label: null, createdAt: 'x' }, community, identities: [] }), {
          status: 200,
        }),
    ) as unknown as typeof fetch;
    const d = deps(fetchImpl);
    expect(await handleMessage({ type: 'refresh-session' }, d)).toMatchObject({ ok: true, session: { role: 'moderator', community } });
    expect(await handleMessage({ type: 'site-config', origin: 'https://f.example' }, d)).toEqual({ ok: true, site: community.sites[0] });
    expect(await handleMessage({ type: 'site-config', origin: 'https://elsewhere.example' }, d)).toEqual({ ok: true, site: null });
  });

  it('sends on "flush-now" even while backing off, and reports the outbox', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ received: 1, stored: 1 }), { status: 200 })) as unknown as typeof fetch;
    const d = deps(fetchImpl);
    await handleMessage({ type: 'events', events: [good()] as never }, d);
    const reply = await handleMessage({ type: 'flush-now' }, d);
    expect(reply).toMatchObject({ ok: true, outbox: { pending: 0, sent: 1, lastError: null }, workerUrl: 'https://pulse.example' });
    const sent = (fetchImpl as unknown as { mock: { calls: [Request | string, RequestInit?][] } }).mock.calls[0]!;
    expect(new Request(sent[0], sent[1]).headers.get('authorization')).toBe('Bearer cp_tok');
  });

  it('thread alerts: none for members (no request), the open ones of the thread for moderators', async () => {
    const alert = {
      id: 'al-1',
      kind: 'heated_thread',
      severity: 'warning',
      site: 'https://f.example',
      thread: { id: '42', title: 'SQL', url: null },
      memberId: null,
      displayName: null,
      details: { negativeShare: 0.7, baseline: 0.1, z: 3, posts: 9 },
      openedAt: '2026-11-20T10:00:00.000Z',
      status: 'open',
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
    };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ alerts: [alert], open: 1 }), { status: 200 })) as unknown as typeof fetch;
    expect(await handleMessage({ type: 'thread-alerts', site: 'https://f.example', thread: '42' }, deps(fetchImpl))).toEqual({ ok: true, alerts: [] });
    expect(fetchImpl).not.toHaveBeenCalled();

    const mod = deps(fetchImpl, { ...session, role: 'moderator' });
    expect(await handleMessage({ type: 'thread-alerts', site: 'https://f.example', thread: '42' }, mod)).toEqual({ ok: true, alerts: [alert] });
    const [url, init] = (fetchImpl as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0]!;
    expect(url).toBe('https://pulse.example/v1/alerts?status=open&site=https%3A%2F%2Ff.example&thread=42&limit=20');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer cp_tok');
    // What a page sends is checked first.
    expect(await handleMessage({ type: 'thread-alerts', site: 'javascript:alert(1)', thread: '42' }, mod)).toMatchObject({ ok: false, code: 'invalid' });
    expect(fetchImpl).toHaveBeenCalledOnce();
  });

  it('refreshes the open alerts into the cache the popup and the toolbar badge read', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ alerts: [], open: 4 }), { status: 200 })) as unknown as typeof fetch;
    expect(await refreshOpenAlerts(deps(fetchImpl))).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await refreshOpenAlerts(deps(fetchImpl, { ...session, role: 'owner' }))).toBe(4);
    expect(await alertsCacheItem.getValue()).toMatchObject({ communityId: 1, data: { alerts: [], open: 4 } });
  });
});
