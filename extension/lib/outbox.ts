import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { MAX_EVENTS_PER_BATCH } from '../../shared/constants';
import type { PulseEvent } from '../../shared/schemas/events';

/**
 * The durable outbox: events wait in `storage.local` until the Worker has stored them,
 * because the service worker can be stopped at any moment. Flushes send batches of up
 * to 500 in order; an event leaves the outbox only after the Worker answered 200 (it
 * stores each id once, so a batch re-sent after a lost answer is harmless). Failures
 * back off exponentially. The outbox is bounded; when full it drops the oldest events
 * and counts them, so the popup can say so.
 */

export interface OutboxState {
  pending: PulseEvent[];
  /** Consecutive failed flushes. */
  attempts: number;
  /** No automatic flush before this time (ms). */
  nextAttemptAt: number;
  lastError: string | null;
  lastSentAt: number | null;
  /** Events the Worker has stored, since install. */
  sent: number;
  /** Events dropped because the outbox was full. */
  dropped: number;
  /** Events the Worker refused as invalid (never retried). */
  rejected: number;
}

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** Whether sending the same events later may succeed. */
      retry: boolean;
      error: string;
      /** Index in the batch of the event the Worker refused, when it said which. */
      rejectIndex?: number;
      /** Server-requested wait (429 Retry-After). */
      retryAfterMs?: number;
    };

export type Sender = (events: PulseEvent[]) => Promise<SendResult>;

export interface FlushReport {
  sent: number;
  rejected: number;
  remaining: number;
  error: string | null;
  /** True when nothing was attempted (empty, backing off, or another flush running). */
  skipped: boolean;
}

export const EMPTY_OUTBOX: OutboxState = {
  pending: [],
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  lastSentAt: null,
  sent: 0,
  dropped: 0,
  rejected: 0,
};

export const outboxItem = storage.defineItem<OutboxState>('local:outbox', {
  fallback: EMPTY_OUTBOX,
  version: 1,
});

export interface OutboxOptions {
  item?: WxtStorageItem<OutboxState, {}>;
  now?: () => number;
  random?: () => number;
  /** Most events kept; about 250 bytes each, so 10,000 stay well inside storage.local's 10 MB. */
  maxPending?: number;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class Outbox {
  private readonly item: WxtStorageItem<OutboxState, {}>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxPending: number;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private chain: Promise<unknown> = Promise.resolve();
  private flushing = false;

  constructor(options: OutboxOptions = {}) {
    this.item = options.item ?? outboxItem;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxPending = options.maxPending ?? 10_000;
    this.batchSize = Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH);
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  }

  /** Read-modify-write of the stored state, one at a time. */
  private update<T>(fn: (s: OutboxState) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const state = structuredClone(await this.item.getValue());
      const result = fn(state);
      await this.item.setValue(state);
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Adds events (ids already waiting are ignored). Returns how many were added and dropped. */
  enqueue(events: readonly PulseEvent[]): Promise<{ queued: number; dropped: number }> {
    return this.update((s) => {
      const waiting = new Set(s.pending.map((e) => e.id));
      const fresh = events.filter((e) => !waiting.has(e.id) && waiting.add(e.id));
      s.pending.push(...fresh);
      const over = Math.max(0, s.pending.length - this.maxPending);
      if (over > 0) {
        s.pending.splice(0, over);
        s.dropped += over;
        s.lastError = `Outbox full: dropped the ${over} oldest event(s)`;
      }
      return { queued: fresh.length, dropped: over };
    });
  }

  status(): Promise<OutboxState> {
    return this.item.getValue();
  }

  /** Delay before retry number `attempts` (1-based): base * 2^(attempts-1), capped, ±20% jitter. */
  backoffMs(attempts: number): number {
    const raw = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(raw * (0.8 + 0.4 * this.random()));
  }

  /**
   * Sends waiting events in batches until the outbox is empty or a send fails.
   * `force` ignores the backoff (a user's "send now", or a fresh enqueue after success).
   */
  async flush(send: Sender, { force = false } = {}): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, rejected: 0, remaining: 0, error: null, skipped: true };
    if (this.flushing) return { ...report, remaining: (await this.status()).pending.length };
    this.flushing = true;
    try {
      for (;;) {
        await this.chain;
        const state = await this.item.getValue();
        report.remaining = state.pending.length;
        if (state.pending.length === 0) break;
        if (!force && state.nextAttemptAt > this.now()) break;
        report.skipped = false;
        const batch = state.pending.slice(0, this.batchSize);
        let result: SendResult;
        try {
          result = await send(batch);
        } catch (e) {
          result = { ok: false, retry: true, error: (e as Error).message || String(e) };
        }
        const ids = new Set(batch.map((e) => e.id));
        const outcome = await this.update((s) => {
          if (result.ok) {
            s.pending = s.pending.filter((e) => !ids.has(e.id));
            s.sent += batch.length;
            s.attempts = 0;
            s.nextAttemptAt = 0;
            s.lastError = null;
            s.lastSentAt = this.now();
            return { sent: batch.length, rejected: 0 };
          }
          if (!result.retry) {
            const bad = result.rejectIndex !== undefined && batch[result.rejectIndex] ? [batch[result.rejectIndex]!.id] : [...ids];
            const refused = new Set(bad);
            s.pending = s.pending.filter((e) => !refused.has(e.id));
            s.rejected += refused.size;
            s.lastError = `Worker refused ${refused.size} event(s): ${result.error}`;
            return { sent: 0, rejected: refused.size };
          }
          s.attempts += 1;
          s.nextAttemptAt = this.now() + Math.max(this.backoffMs(s.attempts), result.retryAfterMs ?? 0);
          s.lastError = result.error;
          return { sent: 0, rejected: 0 };
        });
        report.sent += outcome.sent;
        report.rejected += outcome.rejected;
        if (!result.ok) {
          report.error = result.error;
          if (result.retry) {
            report.remaining = (await this.status()).pending.length;
            break;
          }
        }
      }
      return report;
    } finally {
      this.flushing = false;
    }
  }
}
