import { annotateRequestSchema } from '../../shared/schemas/annotate';
import { eventSchema, type PulseEvent } from '../../shared/schemas/events';
import { annotate, sendEvents } from './api';
import type { Message } from './messages';
import type { Outbox, OutboxState } from './outbox';

export interface BackgroundDeps {
  outbox: Outbox;
  workerUrl: () => Promise<string>;
  /** Asks for a flush soon (debounced by the caller). */
  scheduleFlush: () => void;
  fetchImpl?: typeof fetch;
}

/**
 * What the background does with each message. Everything coming from a content
 * script is checked against the shared schemas first: page content is untrusted.
 */
export async function handleMessage(message: Message, deps: BackgroundDeps): Promise<unknown> {
  switch (message?.type) {
    case 'events': {
      const valid: PulseEvent[] = [];
      for (const e of Array.isArray(message.events) ? message.events : []) {
        const r = eventSchema.safeParse(e);
        if (r.success) valid.push(r.data);
        else console.warn('Community Pulse: dropped an invalid event', r.error.issues[0]);
      }
      const { queued } = await deps.outbox.enqueue(valid);
      deps.scheduleFlush();
      return { ok: true, queued };
    }
    case 'annotate': {
      const r = annotateRequestSchema.safeParse(message.request);
      if (!r.success) return { ok: false, error: `invalid annotate request: ${r.error.issues[0]?.message}` };
      const res = await annotate(await deps.workerUrl(), r.data, deps.fetchImpl);
      return res.ok ? { ok: true, data: res.data } : { ok: false, error: res.error };
    }
    case 'flush-now': {
      await flush(deps, true);
      return { ok: true, outbox: await deps.outbox.status(), workerUrl: await deps.workerUrl() };
    }
    case 'outbox-status':
      return { ok: true, outbox: await deps.outbox.status(), workerUrl: await deps.workerUrl() };
    default:
      return { ok: false, error: 'unknown message' };
  }
}

export async function flush(deps: BackgroundDeps, force = false): Promise<OutboxState> {
  const url = await deps.workerUrl();
  await deps.outbox.flush((batch) => sendEvents(url, batch, deps.fetchImpl), { force });
  return deps.outbox.status();
}
