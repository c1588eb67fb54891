import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PulseEvent } from '../../shared/schemas/events';
import { Outbox, type SendResult, type Sender } from './outbox';

const site = 'https://forum.example';
function events(n: number): PulseEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: uuidv7(),
    type: 'post_seen' as const,
    ts: '2026-11-20T10:00:00Z',
    site,
    actor: 'mei',
    thread: '42',
    post: String(i),
  }));
}

/** A fake Worker that stores what it receives, keyed by id like the real one. */
function worker(answer: (batch: PulseEvent[]) => SendResult = () => ({ ok: true })) {
  const stored = new Map<string, PulseEvent>();
  const batches: number[] = [];
  const send: Sender = vi.fn(async (batch) => {
    batches.push(batch.length);
    const r = answer(batch);
    if (r.ok) for (const e of batch) stored.set(e.id, e);
    return r;
  });
  return { send, stored, batches };
}

let clock = 1_000_000;
const now = () => clock;

beforeEach(() => {
  fakeBrowser.reset();
  clock = 1_000_000;
});

describe('Outbox', () => {
  it('keeps events across a service-worker restart', async () => {
    const evs = events(3);
    await new Outbox({ now }).enqueue(evs);
    // A new instance is what a restarted service worker gets: only storage survives.
    vi.resetModules();
    const { Outbox: Fresh } = await import('./outbox');
    const restarted = new Fresh({ now });
    expect((await restarted.status()).pending.map((e) => e.id)).toEqual(evs.map((e) => e.id));
    const w = worker();
    const report = await restarted.flush(w.send);
    expect(report).toMatchObject({ sent: 3, remaining: 0, error: null });
    expect([...w.stored.keys()]).toEqual(evs.map((e) => e.id));
  });

  it('keeps events after a failed flush and backs off before retrying', async () => {
    const outbox = new Outbox({ now, random: () => 0.5, baseDelayMs: 1000 });
    await outbox.enqueue(events(5));
    const down = worker(() => ({ ok: false, retry: true, error: 'Worker unreachable' }));
    const r1 = await outbox.flush(down.send);
    expect(r1).toMatchObject({ sent: 0, remaining: 5, error: 'Worker unreachable' });
    let s = await outbox.status();
    expect(s.pending).toHaveLength(5);
    expect(s.attempts).toBe(1);
    expect(s.nextAttemptAt).toBe(clock + 1000);

    // Inside the backoff window nothing is sent.
    const up = worker();
    expect(await outbox.flush(up.send)).toMatchObject({ skipped: true, remaining: 5 });
    expect(up.send).not.toHaveBeenCalled();

    // A second failure doubles the wait.
    clock += 1000;
    await outbox.flush(down.send);
    s = await outbox.status();
    expect(s.attempts).toBe(2);
    expect(s.nextAttemptAt).toBe(clock + 2000);

    clock += 2000;
    expect(await outbox.flush(up.send)).toMatchObject({ sent: 5, remaining: 0 });
    s = await outbox.status();
    expect(s).toMatchObject({ attempts: 0, nextAttemptAt: 0, lastError: null, sent: 5, lastSentAt: clock });
  });

  it('treats a thrown send like a retryable failure', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(2));
    const report = await outbox.flush(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(report.error).toBe('Failed to fetch');
    expect((await outbox.status()).pending).toHaveLength(2);
  });

  it('honours a Retry-After longer than its own backoff', async () => {
    const outbox = new Outbox({ now, random: () => 0.5, baseDelayMs: 1000 });
    await outbox.enqueue(events(1));
    await outbox.flush(async () => ({ ok: false, retry: true, error: '429', retryAfterMs: 60_000 }));
    expect((await outbox.status()).nextAttemptAt).toBe(clock + 60_000);
  });

  it('sends in batches of at most 500, in order', async () => {
    const outbox = new Outbox({ now });
    const evs = events(1203);
    await outbox.enqueue(evs);
    const w = worker();
    expect(await outbox.flush(w.send)).toMatchObject({ sent: 1203, remaining: 0 });
    expect(w.batches).toEqual([500, 500, 203]);
    expect([...w.stored.keys()]).toEqual(evs.map((e) => e.id));
  });

  it('ignores an event id it already holds', async () => {
    const outbox = new Outbox({ now });
    const evs = events(2);
    await outbox.enqueue(evs);
    expect(await outbox.enqueue([evs[0]!, ...events(1)])).toEqual({ queued: 1, dropped: 0 });
    expect((await outbox.status()).pending).toHaveLength(3);
  });

  it('drops the oldest events when full, and says so', async () => {
    const outbox = new Outbox({ now, maxPending: 4 });
    const evs = events(6);
    expect(await outbox.enqueue(evs)).toEqual({ queued: 6, dropped: 2 });
    const s = await outbox.status();
    expect(s.pending.map((e) => e.id)).toEqual(evs.slice(2).map((e) => e.id));
    expect(s.dropped).toBe(2);
    expect(s.lastError).toContain('dropped the 2 oldest');
  });

  it('drops only the event the Worker refused and sends the rest', async () => {
    const outbox = new Outbox({ now });
    const evs = events(3);
    await outbox.enqueue(evs);
    let calls = 0;
    const w = worker(() => (calls++ === 0 ? { ok: false, retry: false, error: 'events.1.post: bad', rejectIndex: 1 } : { ok: true }));
    const report = await outbox.flush(w.send);
    expect(report).toMatchObject({ sent: 2, rejected: 1, remaining: 0 });
    expect([...w.stored.keys()]).toEqual([evs[0]!.id, evs[2]!.id]);
    expect((await outbox.status()).rejected).toBe(1);
  });

  it('keeps events enqueued while a flush is in flight', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(2));
    const late = events(1);
    const w = worker();
    const send: Sender = async (batch) => {
      await outbox.enqueue(late);
      return w.send(batch);
    };
    await outbox.flush(send);
    // The late event was not in the first batch; the loop picked it up after.
    expect(w.stored.has(late[0]!.id)).toBe(true);
    expect((await outbox.status()).pending).toHaveLength(0);
  });

  it('does not run two flushes at once', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(2));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = worker();
    const slow: Sender = async (b) => {
      await gate;
      return w.send(b);
    };
    const first = outbox.flush(slow);
    const second = await outbox.flush(slow);
    expect(second.skipped).toBe(true);
    release();
    expect((await first).sent).toBe(2);
    expect(w.send).toHaveBeenCalledTimes(1);
  });
  it('reads an outbox stored before segments (all events under one key) and sends it in order', async () => {
    const evs = events(3);
    await fakeBrowser.storage.local.set({ outbox: { pending: evs, attempts: 2, nextAttemptAt: 0, lastError: 'x', lastSentAt: null, sent: 7, dropped: 1, rejected: 0 } });
    const outbox = new Outbox({ now });
    expect(await outbox.status()).toMatchObject({ pending: evs, sent: 7, dropped: 1, attempts: 2 });
    // Moved into a segment: the counters' key no longer carries the events.
    expect(((await fakeBrowser.storage.local.get('outbox')) as { outbox: { pending: unknown[] } }).outbox.pending).toEqual([]);
    const w = worker();
    expect(await outbox.flush(w.send)).toMatchObject({ sent: 3, remaining: 0 });
    expect([...w.stored.keys()]).toEqual(evs.map((e) => e.id));
  });

  it('writes about one batch per change, however many events wait', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(9_999));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const written = () => set.mock.calls.reduce((n, [items]) => n + JSON.stringify(items).length, 0);
    await outbox.enqueue(events(1));
    const perEnqueue = written();
    set.mockClear();
    const w = worker();
    let batches = 0;
    await outbox.flush(async (b) => (batches++ < 1 ? w.send(b) : { ok: false, retry: true, error: 'down' }));
    const perBatch = written();
    set.mockRestore();
    // One key holding all 10,000 would be ~2 MB per write.
    expect(perEnqueue).toBeLessThan(200_000);
    expect(perBatch).toBeLessThan(200_000);
    expect(w.stored.size).toBe(500);
    // A restarted service worker finds the rest, in order.
    const rest = await new Outbox({ now }).status();
    expect(rest.pending).toHaveLength(9_500);
    expect(rest.sent).toBe(500);
  });

  it('uses a bounded number of storage keys through many enqueue and send rounds', async () => {
    const outbox = new Outbox({ now, maxPending: 2_000 });
    const w = worker();
    for (let round = 0; round < 30; round++) {
      await outbox.enqueue(events(round % 2 ? 1_700 : 333));
      if (round % 3 === 0) await outbox.flush(w.send);
    }
    const keys = Object.keys(await fakeBrowser.storage.local.get(null));
    // At most 2,000 / 500 + 2 segments (a partly sent first, a partly filled last).
    expect(keys.filter((k) => k.startsWith('outbox-seg-')).length).toBeLessThanOrEqual(6);
    const s = await outbox.status();
    expect(s.pending.length).toBeLessThanOrEqual(2_000);
    expect(s.sent + s.pending.length + s.dropped).toBe(30 / 2 * 1_700 + 30 / 2 * 333);
  });

  it('counts and reports events it could not store instead of losing them silently', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(2));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    expect(await outbox.enqueue(events(3))).toEqual({ queued: 0, dropped: 3 });
    set.mockRestore();
    const s = await outbox.status();
    expect(s.pending).toHaveLength(2);
    expect(s.dropped).toBe(3);
    expect(s.lastError).toContain('QUOTA_BYTES');
  });
  it('summarises itself in a few hundred bytes: the counters and how many wait, nothing per event', async () => {
    const outbox = new Outbox({ now });
    await outbox.enqueue(events(10_500));
    const { pending, ...counters } = await outbox.status();
    const summary = await outbox.summary();
    expect(summary).toEqual({ ...counters, pending: 10_000 });
    expect(summary).toMatchObject({ dropped: 500, lastError: expect.stringContaining('dropped the 500 oldest') });
    const before = JSON.stringify({ ...counters, pending }).length;
    const after = JSON.stringify(summary).length;
    console.log(`outbox reply with 10,000 waiting: ${before} -> ${after} characters of JSON`);
    expect(before).toBeGreaterThan(1_000_000);
    expect(after).toBeLessThan(500);
  });

  it('gives up on a send that never answers, keeps the batch and lets the next flush run', async () => {
    const outbox = new Outbox({ now, sendTimeoutMs: 20 });
    const evs = events(2);
    await outbox.enqueue(evs);
    const hung = await outbox.flush(() => new Promise<SendResult>(() => undefined));
    expect(hung).toMatchObject({ sent: 0, remaining: 2, error: expect.stringContaining('No answer') });
    const w = worker();
    expect(await outbox.flush(w.send, { force: true })).toMatchObject({ sent: 2, remaining: 0 });
    expect([...w.stored.keys()]).toEqual(evs.map((e) => e.id));
  });
});
