import { v7 as uuidv7 } from 'uuid';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_DWELL_MS } from '../../shared/constants';
import type { PulseEvent } from '../../shared/schemas/events';
import { Timers } from './timers';
import { clocked } from './work-clock';

/** A post counts as seen when half of it (or half the screen) shows for this long. */
export const SEEN_AFTER_MS = 1_000;
const MIN_DWELL_MS = 1_000;
const SEND_EVERY_MS = 1_000;

type Draft =
  | { type: 'page_view'; thread: string | null }
  | { type: 'dwell'; thread: string | null; durationMs: number }
  | { type: 'post_seen'; thread: string; post: string }
  | { type: 'rec_impression' | 'rec_click' | 'rec_dismiss'; thread: string; from: string | null; rank: number };

/**
 * Turns what the viewer does into events: a page_view per thread opened, post_seen
 * for each post that stays on screen, and dwell (visible time) when they hide or leave
 * the page or move to another thread. Events are sent in small groups.
 */
export class Tracker {
  private queue: PulseEvent[] = [];
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private thread: string | null = null;
  private started = false;
  private seen = new Set<string>();
  private postOf = new WeakMap<Element, string>();
  private timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private readonly clock: Timers;
  private visibleSince: number | null = null;
  private dwellMs = 0;
  private readonly io: IntersectionObserver;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly site: string,
    private readonly actor: () => string | null,
    private readonly send: (events: PulseEvent[]) => unknown,
    private readonly now: () => number = Date.now,
  ) {
    this.clock = new Timers(ctx);
    this.io = new IntersectionObserver(clocked((entries: IntersectionObserverEntry[]) => this.onIntersect(entries)), { threshold: [0, 0.25, 0.5, 0.75, 1] });
    ctx.addEventListener(document, 'visibilitychange', clocked(() => this.onVisibility()));
    ctx.addEventListener(window, 'pagehide', clocked(() => this.leave()));
    ctx.onInvalidated(() => {
      this.io.disconnect();
      this.leave();
    });
  }

  private push(draft: Draft) {
    const event = {
      id: uuidv7(),
      ts: new Date(this.now()).toISOString(),
      site: this.site,
      actor: this.actor(),
      ...draft,
    } as PulseEvent;
    this.queue.push(event);
    if (this.sendTimer === undefined) this.sendTimer = this.clock.set(() => void this.flush(), SEND_EVERY_MS);
  }

  /** What the viewer did with a recommended thread; a click or dismissal is sent at once (the page may be about to go). */
  recommendation(type: 'rec_impression' | 'rec_click' | 'rec_dismiss', thread: string, rank: number): Promise<unknown> {
    this.push({ type, thread, from: this.thread, rank });
    return type === 'rec_impression' ? Promise.resolve() : this.flush();
  }

  /** Sends what is queued now; resolves once the background has it. */
  flush(): Promise<unknown> {
    this.clock.clear(this.sendTimer);
    this.sendTimer = undefined;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    return Promise.resolve(this.send(batch));
  }

  /** A thread (or other community page) is open: ends the previous one's dwell. */
  startPage(thread: string | null) {
    if (this.started && thread === this.thread) return;
    this.endDwell();
    this.started = true;
    this.thread = thread;
    this.seen.clear();
    this.visibleSince = document.visibilityState === 'visible' ? this.now() : null;
    this.push({ type: 'page_view', thread });
  }

  /** Tracks a post element for post_seen (once per post per page view). */
  watch(postId: string, element: Element) {
    if (this.postOf.get(element) === postId) return;
    this.postOf.set(element, postId);
    this.io.observe(element);
  }

  private onIntersect(entries: IntersectionObserverEntry[]) {
    for (const entry of entries) {
      const el = entry.target;
      const post = this.postOf.get(el);
      if (!post || !el.isConnected) {
        this.io.unobserve(el);
        continue;
      }
      const showing =
        entry.isIntersecting &&
        (entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= 0.5 * window.innerHeight);
      const timer = this.timers.get(el);
      if (showing && timer === undefined && !this.seen.has(post)) {
        this.timers.set(
          el,
          this.clock.set(() => {
            this.timers.delete(el);
            if (this.seen.has(post) || !this.thread || document.visibilityState !== 'visible') return;
            this.seen.add(post);
            this.push({ type: 'post_seen', thread: this.thread, post });
          }, SEEN_AFTER_MS),
        );
      } else if (!showing && timer !== undefined) {
        this.clock.clear(timer);
        this.timers.delete(el);
      }
    }
  }

  private endDwell() {
    if (this.visibleSince !== null) this.dwellMs += this.now() - this.visibleSince;
    this.visibleSince = null;
    const ms = Math.min(Math.round(this.dwellMs), MAX_DWELL_MS);
    this.dwellMs = 0;
    if (this.started && ms >= MIN_DWELL_MS) this.push({ type: 'dwell', thread: this.thread, durationMs: ms });
  }

  private onVisibility() {
    if (document.visibilityState === 'visible') {
      this.visibleSince ??= this.now();
    } else {
      this.leave();
    }
  }

  /** The page is hidden or going away: report the visible time and send everything. */
  private leave() {
    this.endDwell();
    void this.flush();
  }
}
