import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { timed } from './work-clock';

/**
 * Timeouts that stop when the content script is invalidated (extension updated or
 * reloaded), through one invalidation listener in all. WXT's `ctx.setTimeout` adds an
 * abort listener per call and never removes it: the tracker sets a timer for every post
 * that comes on screen, so a long read piled up thousands of listeners (each add scans
 * the list: the page's main thread paid more for every timer) and kept every callback alive.
 */
export class Timers {
  private pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly ctx: Pick<ContentScriptContext, 'onInvalidated' | 'isInvalid'>) {
    ctx.onInvalidated(() => {
      for (const id of this.pending) clearTimeout(id);
      this.pending.clear();
    });
  }

  set(handler: () => void, ms: number): ReturnType<typeof setTimeout> {
    const id = setTimeout(() => {
      this.pending.delete(id);
      if (!this.ctx.isInvalid) timed(handler);
    }, ms);
    this.pending.add(id);
    return id;
  }

  clear(id: ReturnType<typeof setTimeout> | undefined): void {
    if (id === undefined) return;
    clearTimeout(id);
    this.pending.delete(id);
  }

  /** Timers set and not yet run or cleared. */
  get size(): number {
    return this.pending.size;
  }
}
