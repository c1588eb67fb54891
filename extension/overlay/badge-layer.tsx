import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { AdapterResult } from '../adapters/types';
import type { AnnotationStore } from '../content/annotations';
import { OVERLAY_TAG } from '../content/post-observer';
import { AccessNotice, NOTICE_CSS } from './AccessNotice';
import { BADGE_CSS } from './badge-css';
import { EngagementBadge } from './EngagementBadge';

interface Mounted {
  anchor: Element;
  author: string;
  ui: ShadowRootContentScriptUi<HTMLElement>;
}

/**
 * Keeps one engagement badge, in its own shadow root, at the end of each post's author
 * element. Forums re-render posts (Discourse unmounts off-screen posts and renders them
 * again), so a badge whose anchor changed or left the page is mounted again.
 */
export class BadgeLayer {
  private mounted = new Map<string, Mounted>();
  private pending = new Set<string>();

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly store: AnnotationStore,
  ) {}

  async sync(result: AdapterResult): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const post of result.page.posts) {
      const anchor = result.elements.get(post.id)?.author;
      if (!anchor || !post.author || this.pending.has(post.id)) continue;
      const current = this.mounted.get(post.id);
      if (current && current.anchor === anchor && current.ui.shadowHost.isConnected) continue;
      current?.ui.remove();
      this.mounted.delete(post.id);
      jobs.push(this.mount(post.id, post.author, anchor));
    }
    await Promise.all(jobs);
  }

  private async mount(postId: string, author: string, anchor: Element) {
    this.pending.add(postId);
    try {
      const ui = await createShadowRootUi<HTMLElement>(this.ctx, {
        name: OVERLAY_TAG,
        position: 'inline',
        anchor,
        append: 'last',
        css: BADGE_CSS,
        isolateEvents: true,
        onMount: (container) => {
          render(<EngagementBadge store={this.store} author={author} />, container);
          return container;
        },
        onRemove: (container) => container && render(null, container),
      });
      ui.shadowHost.dataset.pulsePost = postId;
      ui.mount();
      this.mounted.set(postId, { anchor, author, ui });
    } finally {
      this.pending.delete(postId);
    }
  }

  /** The page-level notice (access revoked), mounted once. */
  async mountNotice(doc: Document = document) {
    const ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: 'pulse-notice',
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

  removeAll() {
    for (const m of this.mounted.values()) m.ui.remove();
    this.mounted.clear();
  }
}
