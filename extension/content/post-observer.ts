import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AdapterResult, PostRecord, SiteAdapter } from '../adapters/types';
import { Timers } from './timers';
import { clocked } from './work-clock';

/** The elements the overlay adds to the page (each a closed shadow root's host). */
export const OVERLAY_TAGS = { badge: 'pulse-badge', notice: 'pulse-notice', recs: 'pulse-recs', heat: 'pulse-heat' } as const;
export const OVERLAY_TAG = OVERLAY_TAGS.badge;

export interface PostObserver {
  /** Forget the posts seen so far (a new thread after single-page navigation). */
  reset(): void;
  /** Re-read the page soon. */
  refresh(): void;
}

export type OnPosts = (result: AdapterResult, added: PostRecord[]) => void;

const OUR_TAGS = new Set<string>(Object.values(OVERLAY_TAGS));

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && OUR_TAGS.has((node as Element).tagName.toLowerCase());
}

/**
 * The one observer of the page: re-reads it through the adapter when the forum adds
 * or re-renders posts (infinite scroll, "load more", cloaked posts coming back,
 * single-page navigation) and reports the posts not seen before. Features subscribe
 * here instead of polling. Our own overlay insertions do not trigger a re-read.
 */
export function observePosts(
  ctx: ContentScriptContext,
  doc: Document,
  adapter: SiteAdapter,
  onPosts: OnPosts,
  delayMs = 150,
): PostObserver {
  const known = new Set<string>();
  const timers = new Timers(ctx);
  let pending = false;

  // Timed by its callers: start-up and the timers (content/timers.ts).
  const run = () => {
    pending = false;
    if (ctx.isInvalid) return;
    const result = adapter.read(doc, new URL(doc.location.href));
    const added = result.page.posts.filter((p) => !known.has(p.id));
    for (const p of added) known.add(p.id);
    onPosts(result, added);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    timers.set(run, delayMs);
  };

  const observer = new MutationObserver(clocked((records: MutationRecord[]) => {
    const relevant = records.some(
      (r) => r.type !== 'childList' || ![...r.addedNodes, ...r.removedNodes].every(isOurs),
    );
    if (relevant) schedule();
  }));
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
  run();

  return {
    reset() {
      known.clear();
      schedule();
    },
    refresh: schedule,
  };
}
