import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, extensionDir, randomSecrets, readLocalD1, startWorker, type RunningWorker } from '../../scripts/local-stack';
import type { PulseEvent } from '../../shared/schemas/events';
import type { Message, Reply } from '../lib/messages';
import { CHROMIUM, launchWithExtension } from './browser';
import { type FaultMode, type FaultProxy, startFaultProxy } from './fault-proxy';
import { freePort } from './free-port';
import { createCommunity, joinFromOptions } from './join';

/**
 * Fault injection end to end: the built extension sends through a proxy that refuses
 * connections, resets them, answers 500 or 429, is slow, or loses the Worker's answer
 * after the Worker stored the batch, and its service worker is stopped in the middle of a
 * flush. After recovery, D1 holds every event exactly once. With the Worker down and more
 * events than the outbox holds, it drops the oldest and says so (status and popup).
 */
let worker: RunningWorker;
let proxy: FaultProxy;
let context: BrowserContext;
let extensionId: string;
let page: Page;
let d1: string;
let ext: string;
const tStart = Date.now();
/** Prints how long the test has run at each step (the suite must stay within ~3 minutes). */
const step = (what: string) => console.log(`[faults +${((Date.now() - tStart) / 1000).toFixed(1)}s] ${what}`);
const secrets = randomSecrets();
/** The forum the events say they come from (never fetched). */
const site = 'http://127.0.0.1:9';
const CHUNK = 500;

/**
 * Asks the background from an extension page, as the popup does; retried while the service
 * worker (re)starts.
 */
async function ask<T>(message: Message, attempts = 5): Promise<T> {
  let last: unknown;
  const t = Date.now();
  for (let i = 0; i < attempts; i++) {
    try {
      const reply = await page.evaluate(
        (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
        message,
      );
      if (Date.now() - t > 2000) step(`ask ${message.type} took ${Date.now() - t} ms`);
      if (reply && (reply as { ok?: boolean }).ok !== false) return reply as T;
      last = reply;
    } catch (e) {
      last = (e as Error).message;
    }
    if (i + 1 < attempts) await new Promise((r) => setTimeout(r, 300 * (i + 1)));
  }
  throw new Error(`background did not answer ${message.type}: ${JSON.stringify(last)}`);
}

/** The outbox as 'outbox-status' or 'flush-now' reports it to the popup: counts and times. */
type OutboxSummary = Extract<Reply<{ type: 'outbox-status' }>, { ok: true }>['outbox'];

async function outbox(type: 'outbox-status' | 'flush-now' = 'outbox-status'): Promise<OutboxSummary> {
  const reply = await ask<{ ok: true; outbox: OutboxSummary }>({ type });
  return reply.outbox;
}

/**
 * The ids of the events waiting in the outbox, oldest first, read straight from the
 * extension's storage.local (the background's replies carry counts only). The layout is
 * lib/outbox.ts's: the counters under `outbox` list the slots of the segments, each under
 * `outbox-seg-<slot>`, oldest first. Read in the extension page (same storage as the
 * service worker, and still there while it is stopped), so only the ids cross CDP.
 */
async function waitingIds(): Promise<string[]> {
  return page.evaluate(async () => {
    type Local = { get(keys: string | string[]): Promise<Record<string, unknown>> };
    const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
    const { outbox } = (await local.get('outbox')) as { outbox?: { segments?: number[] } };
    const keys = (outbox?.segments ?? []).map((slot) => `outbox-seg-${slot}`);
    const segments = keys.length > 0 ? await local.get(keys) : {};
    return keys.flatMap((k) => (segments[k] as Array<{ id: string }> | undefined) ?? []).map((e) => e.id);
  });
}

/** A scripted browsing session's events, in the shape content scripts send. */
function session(n: number, thread: string): PulseEvent[] {
  const t0 = Date.now() - n;
  return Array.from({ length: n }, (_, i): PulseEvent => {
    const base = { id: uuidv7(), ts: new Date(t0 + i).toISOString(), site, actor: 'fault-tester' };
    switch (i % 4) {
      case 0:
        return { ...base, type: 'page_view', thread };
      case 1:
        return { ...base, type: 'dwell', thread, durationMs: 1000 + i };
      default:
        return { ...base, type: 'post_seen', thread, post: String(i) };
    }
  });
}

async function enqueue(events: PulseEvent[]): Promise<void> {
  const reply = await ask<{ ok: true; queued: number }>({ type: 'events', events });
  // A retry after a lost reply finds the ids already waiting (0 queued), or sent.
  expect(reply.queued).toBeLessThanOrEqual(events.length);
}

function storedIds(): Set<string> {
  return new Set(readLocalD1<{ id: string }>('SELECT id FROM events', d1).map((r) => r.id));
}

function storedCount(): number {
  return readLocalD1<{ n: number }>('SELECT count(*) AS n FROM events', d1)[0]!.n;
}

async function until<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The extension service worker's running status, as CDP reports it, and how often it started. */
const serviceWorker = { status: 'unknown', starts: 0, stops: 0 };
let cdp: CDPSession;

async function watchServiceWorker(): Promise<void> {
  cdp = await context.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (v.runningStatus === 'running' && serviceWorker.status !== 'running') serviceWorker.starts++;
      if (v.runningStatus === 'stopped' && serviceWorker.status !== 'stopped') serviceWorker.stops++;
      serviceWorker.status = v.runningStatus;
    }
  });
  await cdp.send('ServiceWorker.enable');
}

/** Stops the extension's service worker (as Chrome does when idle or under memory pressure). */
async function stopServiceWorker(): Promise<void> {
  const stops = serviceWorker.stops;
  await cdp.send('ServiceWorker.stopAllWorkers');
  await until('the service worker to stop', () => serviceWorker.stops, (n) => n > stops, 10_000, 50);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}.`);
  // A private copy of the built extension: a rebuild meanwhile must not pull it from under the browser.
  const built = process.env.PULSE_EXTENSION_DIR ?? extensionDir;
  await until('a built extension (npx wxt build extension)', () => existsSync(path.join(built, 'manifest.json')), Boolean, 60_000, 500);
  ext = mkdtempSync(path.join(os.tmpdir(), 'pulse-ext-faults-'));
  cpSync(built, ext, { recursive: true });
  step('beforeAll');
  d1 = mkdtempSync(path.join(os.tmpdir(), 'pulse-d1-faults-'));
  applyMigrations(d1);
  step('migrations applied');
  const [workerPort, proxyPort] = [await freePort(), await freePort()];
  // Both at once; whichever starts is assigned, so afterAll stops it even if the other failed.
  const started = await Promise.allSettled([
    startWorker({ port: workerPort, persistTo: d1, vars: secrets }).then((w) => (worker = w)),
    launchWithExtension(ext).then((b) => ({ context, extensionId } = b)),
  ]);
  for (const r of started) if (r.status === 'rejected') throw r.reason;
  proxy = await startFaultProxy({ target: worker.url, port: proxyPort, slowMs: 3_000, retryAfterS: 2 });
  step('worker and browser up');
  const code = await createCommunity(worker.url, secrets.ADMIN_TOKEN, site, 'Fault test');
  if ((await joinFromOptions(context, extensionId, proxy.url, code)) !== 'owner') throw new Error('joining as owner failed');
  page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await watchServiceWorker();
  step('joined');
});

afterAll(async () => {
  await context?.close();
  await proxy?.close();
  await worker?.stop();
  if (d1) rmSync(d1, { recursive: true, force: true });
  if (ext) rmSync(ext, { recursive: true, force: true });
});

describe('fault injection', () => {
  it('stores exactly the 10,000 events of a session through outages, errors, lost answers and a stopped service worker', { timeout: 150_000 }, async () => {
    const t0 = Date.now();
    const produced = session(10_000, 'faults');
    const chunks = Array.from({ length: produced.length / CHUNK }, (_, i) => produced.slice(i * CHUNK, (i + 1) * CHUNK));
    const mode = async (m: FaultMode) => proxy.setMode(m);

    // 1-3: all is well; the outbox's own timer sends them.
    step("1-3: all is well; the outbox's own timer");
    await mode('pass');
    for (const c of chunks.slice(0, 3)) await enqueue(c);
    await until('the first 1,500 events in D1', storedCount, (n) => n === 1_500);

    // 4-5: the Worker is unreachable (connection refused).
    step('4-5: the Worker is unreachable (connecti');
    await mode('down');
    for (const c of chunks.slice(3, 5)) await enqueue(c);
    expect((await outbox('flush-now')).lastError).toMatch(/unreachable/i);

    // 6-7: 500.
    step('6-7: 500.');
    await mode('500');
    for (const c of chunks.slice(5, 7)) await enqueue(c);
    expect((await outbox('flush-now')).lastError).toMatch(/500/);

    // 8-9: 429 with Retry-After: the next automatic attempt waits at least that long.
    step('8-9: 429 with Retry-After: the next auto');
    await mode('429');
    for (const c of chunks.slice(7, 9)) await enqueue(c);
    const limited = await outbox('flush-now');
    expect(limited.lastError).toMatch(/429/);
    expect(limited.nextAttemptAt - Date.now()).toBeGreaterThan(1_000);

    // 10-11: connections reset.
    step('10-11: connections reset.');
    await mode('reset');
    for (const c of chunks.slice(9, 11)) await enqueue(c);
    expect((await outbox('flush-now')).lastError).toMatch(/unreachable/i);
    expect(storedCount()).toBe(1_500);

    // 12-13: the Worker stores the oldest waiting batch, but its answer is lost: the batch
    step('12-13: the Worker stores the oldest wait');
    // stays queued and goes again on the next attempt (stored once).
    await mode('lost-answer');
    for (const c of chunks.slice(11, 13)) await enqueue(c);
    const beforeLost = (await outbox()).pending;
    await outbox('flush-now');
    await outbox('flush-now');
    // (The outbox's own timer may have tried too: every attempt re-sends the same oldest batch.)
    expect(proxy.stats.answersLost).toBeGreaterThanOrEqual(1_000);
    if (storedCount() !== 2_000) console.log(JSON.stringify(proxy.stats.answers));
    expect(storedCount()).toBe(2_000);
    expect((await outbox()).pending).toBe(beforeLost);

    // 14: slow, and the service worker is stopped while it waits for the Worker's answer.
    step('14: slow, and the service worker is stop');
    await mode('slow');
    await enqueue(chunks[13]!);
    const lostBefore = proxy.stats.answersLost;
    const held = proxy.nextRequest();
    const pendingFlush = ask({ type: 'flush-now' }, 1).catch(() => null);
    await held;
    await stopServiceWorker();
    await pendingFlush;
    // The proxy still delivers the batch after its delay; its answer has nobody to go to.
    await until('the stopped service worker’s batch to reach the Worker', () => proxy.stats.answersLost, (n) => n === lostBefore + 500, 15_000, 100);
    expect(storedCount()).toBe(2_000);

    // 15: slow but answering: batches go out, slowly; then 500s stop the flush.
    step('15: slow but answering: batches go out, ');
    await enqueue(chunks[14]!);
    const slowFlush = ask({ type: 'flush-now' }, 1).catch(() => null);
    await until('a slow batch to be answered', () => proxy.stats.eventRequests.slow, (n) => n >= 3, 20_000, 100);
    await mode('500');
    await slowFlush;

    // 16-20: the Worker is down again while the session goes on (the service worker restarts).
    step('16-20: the Worker is down again while th');
    await mode('down');
    for (const c of chunks.slice(15)) await enqueue(c);
    const waiting = await outbox();
    expect(waiting.pending).toBeGreaterThan(0);
    expect(waiting.dropped).toBe(0);
    // Nothing lost so far: every event waits in the outbox (as many as it counts) or is in D1.
    // (Storage first: an event leaves the outbox only once D1 has it.)
    const waitingNow = new Set(await waitingIds());
    expect(waitingNow.size).toBe(waiting.pending);
    const storedNow = storedIds();
    expect(produced.filter((e) => !storedNow.has(e.id) && !waitingNow.has(e.id)).map((e) => e.id)).toEqual([]);
    // Stopped mid-flush, and started again by the next message.
    expect(serviceWorker.stops).toBeGreaterThanOrEqual(1);
    expect(serviceWorker.status).toBe('running');

    // Recovery: the Worker is back; "send now" empties the outbox.
    step('Recovery: the Worker is back; "send now"');
    await mode('pass');
    const after = await until('the outbox to empty', () => outbox('flush-now'), (s) => s.pending === 0, 60_000, 500);
    expect(after.lastError).toBeNull();
    expect(after.dropped).toBe(0);
    expect(after.rejected).toBe(0);

    const ids = storedIds();
    expect(ids.size).toBe(10_000);
    expect(storedCount()).toBe(10_000);
    const missing = produced.filter((e) => !ids.has(e.id));
    expect(missing).toEqual([]);
    // Some batches reached the Worker more than once; it stored each event once.
    expect(proxy.stats.eventsForwarded).toBeGreaterThan(10_000);
    console.log(
      JSON.stringify({
        name: 'faults_10k_session',
        ms: Date.now() - t0,
        eventsForwarded: proxy.stats.eventsForwarded,
        answersLost: proxy.stats.answersLost,
        requests: proxy.stats.eventRequests,
        serviceWorker,
      }),
    );
  });

  it('with the Worker down, drops the oldest events beyond its bound and says so in the popup', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    await proxy.setMode('down');
    const before = await outbox();
    expect(before.pending).toBe(0);
    expect(await waitingIds()).toEqual([]);
    const produced = session(10_500, 'overflow');
    for (let i = 0; i < produced.length; i += CHUNK) await enqueue(produced.slice(i, i + CHUNK));

    const full = await outbox();
    expect(full.pending).toBe(10_000);
    expect(full.dropped - before.dropped).toBe(500);
    // The oldest went; the newest 10,000 wait, in order.
    expect(await waitingIds()).toEqual(produced.slice(500).map((e) => e.id));

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(async () => (await popup.getByTestId('outbox-dropped').innerText().catch(() => '')).replace(/\D/g, ''), { timeout: 10_000 }).toBe('500');
    await expect.poll(async () => (await popup.getByTestId('outbox-pending').innerText().catch(() => '')).replace(/\D/g, ''), { timeout: 10_000 }).toBe('10000');
    await popup.close();

    // Back up: the 10,000 kept events are stored; the dropped 500 are not.
    step('Back up: the 10,000 kept events are stor');
    await proxy.setMode('pass');
    await until('the outbox to empty', () => outbox('flush-now'), (s) => s.pending === 0, 60_000, 500);
    expect(await waitingIds()).toEqual([]);
    const ids = storedIds();
    expect(ids.size).toBe(20_000);
    expect(produced.slice(500).every((e) => ids.has(e.id))).toBe(true);
    expect(produced.slice(0, 500).some((e) => ids.has(e.id))).toBe(false);
    console.log(JSON.stringify({ name: 'faults_overflow', ms: Date.now() - t0, dropped: full.dropped }));
  });
});
