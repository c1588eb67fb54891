import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackgroundDeps, handleMessage } from './background-handlers';
import { Outbox } from './outbox';
import type { Session } from './session';
import { testSession } from '../test/session';

beforeEach(() => fakeBrowser.reset());

const session = testSession;

function deps(fetchImpl: typeof fetch, current: Session | null): BackgroundDeps {
  return {
    outbox: new Outbox(),
    workerUrl: async () => 'https://pulse.example',
    session: async () => current,
    saveSession: async () => {},
    onRevoked: async () => {},
    scheduleFlush: vi.fn(),
    fetchImpl,
  };
}

const request = { site: 'https://f.example', post: '7', text: 'meh', task: 'sentiment' as const, label: 'neutral' as const };

describe('the correction message', () => {
  it('goes to POST /v1/corrections for moderators, validated first', async () => {
    const answer = { correction: { id: 'c1', task: 'sentiment', label: 'neutral', modelLabel: 'negative', createdAt: '2026-11-25T00:00:00.000Z' } };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(answer), { status: 201 })) as unknown as typeof fetch;
    const mod = deps(fetchImpl, session('moderator'));
    expect(await handleMessage({ type: 'correction', request }, mod)).toEqual({ ok: true, data: answer });
    const [url, init] = (fetchImpl as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0]!;
    expect(url).toBe('https://pulse.example/v1/corrections');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(request);
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer cp_tok');

    const bad = await handleMessage({ type: 'correction', request: { ...request, label: 'furious' } as never }, mod);
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(fetchImpl).toHaveBeenCalledOnce();
  });

  it('is refused in the browser for members and without a community', async () => {
    const fetchImpl = vi.fn() as unknown as typeof fetch;
    expect(await handleMessage({ type: 'correction', request }, deps(fetchImpl, session('member')))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await handleMessage({ type: 'correction', request }, deps(fetchImpl, null))).toMatchObject({ ok: false, code: 'not_joined' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
