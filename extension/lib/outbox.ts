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
 *
 * Storage layout: the counters live under `local:outbox`; the waiting events in segments
 * of at most one batch, each under its own key (`local:outbox-seg-<slot>`), oldest first,
 * in a bounded set of slots. Every change is one `storage.local.set` (atomic) of the
 * counters and the segments it touched, so enqueueing or sending costs the same with 10
 * events waiting or 10,000 (one key holding all of them meant rewriting megabytes per
 * batch). The service worker is the only writer, so it keeps a copy in memory, read once.
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

/** The outbox's counters and times: everything but the waiting events. */
export type OutboxCounters = Omit<OutboxState, 'pending'>;

/**
 * What the background tells the popup about the outbox: the counters, and how many events
 * wait. Nothing per event, so it stays a few hundred bytes with 10,000 waiting.
 */
export interface OutboxSummary extends OutboxCounters {
  /** Events waiting to be sent. */
  pending: number;
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

/**
 * What `local:outbox` holds: the counters, and the slots of the segments holding the
 * waiting events, oldest first. `pending` is empty since segments; an outbox stored
 * before them (all events in `pending`) is moved into segments on first read.
 */
export interface StoredOutbox extends OutboxState {
  segments?: number[];
}

export const outboxItem = storage.defineItem<StoredOutbox>('local:outbox', {
  fallback: EMPTY_OUTBOX,
  version: 1,
});

export interface OutboxOptions {
  item?: WxtStorageItem<StoredOutbox, {}>;
  now?: () => number;
  random?: () => number;
  /** Most events kept; about 250 bytes each, so 10,000 stay well inside storage.local's 10 MB. */
  maxPending?: number;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A send not answered by then counts as failed (retried later), so a hung connection cannot stall the outbox. */
  sendTimeoutMs?: number;
}

interface Segment {
  slot: number;
  events: PulseEvent[];
}
interface Loaded {
  counters: OutboxCounters;
  segments: Segment[];
  ids: Set<string>;
}

export class Outbox {
  private readonly item: WxtStorageItem<StoredOutbox, {}>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxPending: number;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sendTimeoutMs: number;
  private chain: Promise<unknown> = Promise.resolve();
  private flushing = false;
  private loaded: Promise<Loaded> | null = null;

  constructor(options: OutboxOptions = {}) {
    this.item = options.item ?? outboxItem;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.maxPending = options.maxPending ?? 10_000;
    this.batchSize = Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH);
    this.baseDelayMs = options.baseDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
  }

  /** The send's answer, or a retryable failure once it has taken too long. */
  private async sendWithTimeout(send: Sender, batch: PulseEvent[]): Promise<SendResult> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<SendResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, retry: true, error: `No answer from the Worker in ${Math.round(this.sendTimeoutMs / 1000)} s` }),
        this.sendTimeoutMs,
      );
    });
    try {
      return await Promise.race([send(batch), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private segmentKey(slot: number): `local:${string}` {
    return `${this.item.key}-seg-${slot}` as `local:${string}`;
  }

  /** The stored outbox, read once (and again after a failed write). */
  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      const { pending: legacy = [], segments: slots = [], ...counters } = { ...EMPTY_OUTBOX, ...(await this.item.getValue()) };
      const values = slots.length ? await storage.getItems(slots.map((s) => this.segmentKey(s))) : [];
      const state: Loaded = {
        counters,
        segments: slots.map((slot, i) => ({ slot, events: (values[i]?.value ?? []) as PulseEvent[] })).filter((s) => s.events.length > 0),
        ids: new Set(),
      };
      for (const s of state.segments) for (const e of s.events) state.ids.add(e.id);
      if (legacy.length > 0) {
        // Written before segments: move the events over, oldest first.
        const moved = new Set<number>();
        const older = legacy.filter((e) => !state.ids.has(e.id));
        const newer = state.segments;
        state.segments = [];
        this.append(state, older, moved);
        state.segments.push(...newer);
        await this.persist(state, moved);
      }
      return state;
    })();
    this.loaded.catch(() => (this.loaded = null));
    return this.loaded;
  }

  /** One atomic write: the counters and the segments in `dirty` (emptied ones as []). */
  private async persist(state: Loaded, dirty: Set<number>): Promise<void> {
    const live = new Map(state.segments.map((s) => [s.slot, s.events]));
    await storage.setItems([
      { item: this.item, value: { ...state.counters, pending: [], segments: state.segments.map((s) => s.slot) } satisfies StoredOutbox },
      ...[...dirty].map((slot) => ({ key: this.segmentKey(slot), value: live.get(slot) ?? [] })),
    ]);
  }

  private append(state: Loaded, events: readonly PulseEvent[], dirty: Set<number>): void {
    for (const e of events) {
      let last = state.segments.at(-1);
      if (!last || last.events.length >= this.batchSize) {
        const used = new Set(state.segments.map((s) => s.slot));
        let slot = 0;
        while (used.has(slot)) slot++;
        last = { slot, events: [] };
        state.segments.push(last);
      }
      last.events.push(e);
      state.ids.add(e.id);
      dirty.add(last.slot);
    }
  }

  private remove(state: Loaded, ids: ReadonlySet<string>, dirty: Set<number>): number {
    let removed = 0;
    for (const s of state.segments) {
      if (!s.events.some((e) => ids.has(e.id))) continue;
      const before = s.events.length;
      s.events = s.events.filter((e) => !ids.has(e.id));
      removed += before - s.events.length;
      dirty.add(s.slot);
    }
    state.segments = state.segments.filter((s) => s.events.length > 0);
    for (const id of ids) state.ids.delete(id);
    return removed;
  }

  private count(state: Loaded): number {
    return state.segments.reduce((n, s) => n + s.events.length, 0);
  }

  /** Changes the outbox, one change at a time, and stores what changed. */
  private update<T>(fn: (s: Loaded, dirty: Set<number>) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const state = await this.load();
      const dirty = new Set<number>();
      try {
        const result = fn(state, dirty);
        await this.persist(state, dirty);
        return result;
      } catch (e) {
        // The copy in memory may be ahead of storage: read storage again next time.
        this.loaded = null;
        throw e;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Adds events (ids already waiting are ignored). Returns how many were added and dropped. */
  async enqueue(events: readonly PulseEvent[]): Promise<{ queued: number; dropped: number }> {
    try {
      return await this.update((s, dirty) => {
        const seen = new Set<string>();
        const fresh = events.filter((e) => !s.ids.has(e.id) && !seen.has(e.id) && seen.add(e.id));
        // Make room first (oldest out), so the segments never outgrow the bound.
        let over = Math.max(0, this.count(s) + fresh.length - this.maxPending);
        const dropped = over;
        while (over > 0 && s.segments.length > 0) {
          const first = s.segments[0]!;
          const gone = first.events.splice(0, Math.min(over, first.events.length));
          for (const e of gone) s.ids.delete(e.id);
          over -= gone.length;
          dirty.add(first.slot);
          if (first.events.length === 0) s.segments.shift();
        }
        this.append(s, over > 0 ? fresh.slice(over) : fresh, dirty);
        if (dropped > 0) {
          s.counters.dropped += dropped;
          s.counters.lastError = `Outbox full: dropped the ${dropped} oldest event(s)`;
        }
        return { queued: fresh.length, dropped };
      });
    } catch (e) {
      // Could not store them (storage full?): they are lost, so count them and say so.
      const message = (e as Error)?.message || String(e);
      await this.update((s) => {
        s.counters.dropped += events.length;
        s.counters.lastError = `Could not keep ${events.length} event(s): ${message}`;
      });
      return { queued: 0, dropped: events.length };
    }
  }

  /** Everything, the waiting events included (oldest first). */
  async status(): Promise<OutboxState> {
    await this.chain;
    const s = await this.load();
    return { ...s.counters, pending: s.segments.flatMap((seg) => seg.events) };
  }

  /** The counters and how many events wait, without copying the events. */
  async summary(): Promise<OutboxSummary> {
    await this.chain;
    const s = await this.load();
    return { ...s.counters, pending: this.count(s) };
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
    if (this.flushing) return { ...report, remaining: (await this.summary()).pending };
    this.flushing = true;
    try {
      for (;;) {
        await this.chain;
        const state = await this.load();
        report.remaining = this.count(state);
        if (report.remaining === 0) break;
        if (!force && state.counters.nextAttemptAt > this.now()) break;
        report.skipped = false;
        const batch = state.segments[0]!.events.slice(0, this.batchSize);
        let result: SendResult;
        try {
          // A late answer is ignored: the batch stays and goes again (stored once).
          result = await this.sendWithTimeout(send, batch);
        } catch (e) {
          result = { ok: false, retry: true, error: (e as Error).message || String(e) };
        }
        const ids = new Set(batch.map((e) => e.id));
        const outcome = await this.update((s, dirty) => {
          const c = s.counters;
          if (result.ok) {
            this.remove(s, ids, dirty);
            c.sent += batch.length;
            c.attempts = 0;
            c.nextAttemptAt = 0;
            c.lastError = null;
            c.lastSentAt = this.now();
            return { sent: batch.length, rejected: 0 };
          }
          if (!result.retry) {
            const bad = result.rejectIndex !== undefined && batch[result.rejectIndex] ? [batch[result.rejectIndex]!.id] : [...ids];
            const refused = new Set(bad);
            this.remove(s, refused, dirty);
            c.rejected += refused.size;
            c.lastError = `Worker refused ${refused.size} event(s): ${result.error}`;
            return { sent: 0, rejected: refused.size };
          }
          c.attempts += 1;
          c.nextAttemptAt = this.now() + Math.max(this.backoffMs(c.attempts), result.retryAfterMs ?? 0);
          c.lastError = result.error;
          return { sent: 0, rejected: 0 };
        });
        report.sent += outcome.sent;
        report.rejected += outcome.rejected;
        if (!result.ok) {
          report.error = result.error;
          if (result.retry) {
            report.remaining = this.count(await this.load());
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
