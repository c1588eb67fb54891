import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { AdapterResult } from '../adapters/types';
import type { AnnotationStore } from '../content/annotations';
import { OVERLAY_TAG, OVERLAY_TAGS } from '../content/post-observer';
import { clocked, timed } from '../content/work-clock';
import { AccessNotice, NOTICE_CSS } from './AccessNotice';
import { BADGE_CSS } from './badge-css';
import { EngagementBadge } from './EngagementBadge';
import { createReleasableUi, type ReleasableUi } from './releasable-ui';
import { SENTIMENT_CSS } from './sentiment-css';
import { SentimentChip } from './SentimentChip';

interface Wanted {
  postId: string;
  author: string;
}

interface Mounted extends Wanted {
  anchor: Element;
  ui: ReleasableUi<HTMLElement>;
}

/** Badges are mounted when their post comes within this distance of the viewport. */
const NEAR_VIEWPORT = '600px 0px';

/**
 * Keeps one engagement badge, in its own closed shadow root (the forum's scripts cannot
 * read members' scores out of it, nor its styles leak either way), at the end of each
 * post's author element. Badges are mounted lazily as posts near the viewport, so a
 * 10,000-post page costs no more than the part being read, and only once there is
 * something to show (a score, an error, a post's sentiment): the page is laid out once
 * per badge instead of once for a placeholder and again for the answer, and a member,
 * who sees only their own score, gets no empty badges at all. Badges whose answers
 * arrive together are mounted in the same frame. Forums re-render posts (Discourse
 * unmounts off-screen posts), so a badge whose anchor changed or left the page is
 * mounted again.
 */
export class BadgeLayer {
  private mounted = new Map<string, Mounted>();
  private waiting = new WeakMap<Element, Wanted>();
  /** Near the viewport, waiting for something to show. */
  private near = new Map<Element, Wanted>();
  private mounting = new Set<Element>();
  private frame: number | null = null;
  private readonly io: IntersectionObserver;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly store: AnnotationStore,
  ) {
    this.io = new IntersectionObserver(clocked((entries: IntersectionObserverEntry[]) => this.onNear(entries)), { rootMargin: NEAR_VIEWPORT });
    const unsubscribe = store.subscribe(() => this.mountAnsweredSoon());
    ctx.onInvalidated(() => {
      this.io.disconnect();
      unsubscribe();
      if (this.frame !== null) cancelAnimationFrame(this.frame);
    });
  }

  /** Whether the badge of this post has anything to show yet. */
  private answered(wanted: Wanted): boolean {
    const status = this.store.state(wanted.author).status;
    return status === 'ready' || status === 'error' || status === 'revoked' || this.store.postScores(wanted.postId) !== null;
  }

  /** Mounts, in one frame, the badges near the viewport whose answers came. */
  private mountAnsweredSoon() {
    if (this.frame !== null || this.near.size === 0) return;
    this.frame = requestAnimationFrame(clocked(() => {
      this.frame = null;
      if (this.ctx.isInvalid) return;
      for (const [anchor, wanted] of this.near) {
        if (!anchor.isConnected) this.near.delete(anchor);
        else if (this.answered(wanted)) {
          this.near.delete(anchor);
          void this.mount(wanted, anchor);
        }
      }
    }));
  }

  sync(result: AdapterResult): void {
    for (const post of result.page.posts) {
      const anchor = result.elements.get(post.id)?.author;
      if (!anchor || !post.author) continue;
      const current = this.mounted.get(post.id);
      if (current && current.anchor === anchor && current.ui.shadowHost.isConnected) continue;
      if (this.waiting.has(anchor) || this.mounting.has(anchor) || this.near.has(anchor)) continue;
      this.waiting.set(anchor, { postId: post.id, author: post.author });
      this.io.observe(anchor);
    }
  }

  private onNear(entries: IntersectionObserverEntry[]) {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const anchor = entry.target;
      const wanted = this.waiting.get(anchor);
      this.io.unobserve(anchor);
      this.waiting.delete(anchor);
      if (!wanted || !anchor.isConnected) continue;
      if (this.answered(wanted)) void this.mount(wanted, anchor);
      else this.near.set(anchor, wanted);
    }
  }

  private async mount(wanted: Wanted, anchor: Element) {
    this.mounting.add(anchor);
    try {
      this.release(wanted.postId);
      const ui = await createReleasableUi<HTMLElement>(this.ctx, {
        name: OVERLAY_TAG,
        mode: 'closed',
        position: 'inline',
        anchor,
        append: 'last',
        css: BADGE_CSS + SENTIMENT_CSS,
        isolateEvents: true,
        onMount: (container) => {
          render(
            <>
              <EngagementBadge store={this.store} author={wanted.author} />
              <SentimentChip store={this.store} postId={wanted.postId} />
            </>,
            container,
          );
          return container;
        },
        onRemove: (container) => container && render(null, container),
      });
      timed(() => {
        ui.mount();
        this.mounted.set(wanted.postId, { ...wanted, anchor, ui });
      });
    } finally {
      this.mounting.delete(anchor);
    }
  }

  /**
   * The page-level notice (access revoked), mounted once the Worker says so: until then
   * the page carries no element of ours for it.
   */
  mountNotice(doc: Document = document) {
    let mounting = false;
    const check = () => {
      if (mounting || !this.store.revokedMessage()) return;
      mounting = true;
      unsubscribe();
      void this.createNotice(doc);
    };
    const unsubscribe = this.store.subscribe(check);
    check();
  }

  private async createNotice(doc: Document) {
    const ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: OVERLAY_TAGS.notice,
      mode: 'closed',
      position: 'inline',
      anchor: doc.body,
      append: 'last',
      css: NOTICE_CSS,
      onMount: (container) => {
        render(<AccessNotice store={this.store} />, container);
        return container;
      },
      onRemove: (container) => container && render(null, container),
    });
    ui.mount();
  }

  /** Removes a post's badge (re-mounted elsewhere, or all removed). */
  private release(postId: string) {
    this.mounted.get(postId)?.ui.release();
    this.mounted.delete(postId);
  }

  removeAll() {
    for (const postId of [...this.mounted.keys()]) this.release(postId);
    this.near.clear();
  }
}
