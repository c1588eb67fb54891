import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackgroundDeps, handleMessage } from './background-handlers';
import { Outbox } from './outbox';

beforeEach(() => fakeBrowser.reset());

function deps(fetchImpl: typeof fetch): BackgroundDeps {
  return { outbox: new Outbox(), workerUrl: async () => 'https://pulse.example', scheduleFlush: vi.fn(), fetchImpl };
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
    const reply = await handleMessage({ type: 'annotate', request: { site: 'nope' } as never }, deps(fetchImpl));
    expect(reply).toMatchObject({ ok: false });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('sends on "flush-now" even while backing off, and reports the outbox', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ received: 1, stored: 1 }), { status: 200 })) as unknown as typeof fetch;
    const d = deps(fetchImpl);
    await handleMessage({ type: 'events', events: [good()] as never }, d);
    const reply = (await handleMessage({ type: 'flush-now' }, d)) as { outbox: { pending: unknown[]; sent: number } };
    expect(reply.outbox.pending).toHaveLength(0);
    expect(reply.outbox.sent).toBe(1);
  });
});
