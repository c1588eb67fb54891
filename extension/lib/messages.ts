import { browser } from 'wxt/browser';
import type { Alert } from '../../shared/schemas/alerts';
import type { AnnotateRequest, AnnotateResponse } from '../../shared/schemas/annotate';
import type { Site } from '../../shared/schemas/auth';
import type { CatalogueRequest } from '../../shared/schemas/catalogue';
import type { CorrectionRequest, CorrectionResponse } from '../../shared/schemas/corrections';
import type { RecommendationsResponse } from '../../shared/schemas/recommendations';
import type { PulseEvent } from '../../shared/schemas/events';
import type { OutboxSummary } from './outbox';
import type { Session } from './session';
import { timed } from '../content/work-clock';

/** Messages from content scripts and extension pages to the background service worker. */
export type Message =
  | { type: 'events'; events: PulseEvent[] }
  /**
   * A page's posts for POST /v1/annotate, as JSON text (annotateMessage): Chromium converts
   * a structured message value by value on the page's main thread (~30 ms for 500 posts);
   * one string crosses at once. The reply's data comes back the same way (askAnnotate).
   */
  | { type: 'annotate'; requestJson: string }
  /** Where delivery stands: the outbox summarised (counts and times, never the events). */
  | { type: 'outbox-status' }
  /** Sends waiting events now (ignoring the backoff); answers like 'outbox-status'. */
  | { type: 'flush-now' }
  /** The community's settings for the site a content script runs on. */
  | { type: 'site-config'; origin: string }
  /** Re-read the session's community from the Worker (sites, selectors, settings). */
  | { type: 'refresh-session' }
  /** "Recommended for you" for the thread on screen. */
  | { type: 'recommendations'; site: string; thread: string | null }
  /** Threads listed on a page, for the catalogue recommendations draw on. */
  | { type: 'catalogue'; request: CatalogueRequest }
  /** A moderator's correction of a post's label (POST /v1/corrections). */
  | { type: 'correction'; request: CorrectionRequest }
  /** Open alerts on the thread on screen (moderators and owners; members get none). */
  | { type: 'thread-alerts'; site: string; thread: string };

export type Reply<M extends Message> = M extends { type: 'events' }
  ? { ok: true; queued: number } | { ok: false; error: string }
  : M extends { type: 'annotate' }
    ? { ok: true; dataJson: string } | { ok: false; code?: string | null; error: string }
    : M extends { type: 'outbox-status' | 'flush-now' }
      ? { ok: true; outbox: OutboxSummary; workerUrl: string; session: Session | null } | { ok: false; error: string }
      : M extends { type: 'site-config' }
        ? { ok: true; site: Site | null } | { ok: false; error: string }
        : M extends { type: 'refresh-session' }
          ? { ok: true; session: Session | null } | { ok: false; error: string }
          : M extends { type: 'recommendations' }
            ? { ok: true; data: RecommendationsResponse } | { ok: false; code?: string | null; error: string }
            : M extends { type: 'catalogue' }
              ? { ok: true; recorded: number } | { ok: false; code?: string | null; error: string }
              : M extends { type: 'correction' }
                ? { ok: true; data: CorrectionResponse } | { ok: false; code?: string | null; error: string }
              : M extends { type: 'thread-alerts' }
                ? { ok: true; alerts: Alert[] } | { ok: false; code?: string | null; error: string }
                : never;

/** Sends a message to the background and waits for its typed reply. */
export async function ask<M extends Message>(message: M): Promise<Reply<M>> {
  try {
    return (await browser.runtime.sendMessage(message)) as Reply<M>;
  } catch (e) {
    return { ok: false, error: `Extension background unavailable (${(e as Error).message})` } as Reply<M>;
  }
}

/** The 'annotate' message of a request. */
export function annotateMessage(request: AnnotateRequest): Extract<Message, { type: 'annotate' }> {
  return { type: 'annotate', requestJson: JSON.stringify(request) };
}

/** Asks the background to annotate a page's posts (POST /v1/annotate, or on-device scores). */
export async function askAnnotate(
  request: AnnotateRequest,
): Promise<{ ok: true; data: AnnotateResponse } | { ok: false; code?: string | null; error: string }> {
  const reply = await ask(annotateMessage(request));
  // The content script's work (content/work-clock.ts): parsing a 500-post answer is not free.
  return reply.ok ? { ok: true, data: timed(() => JSON.parse(reply.dataJson) as AnnotateResponse) } : reply;
}
