import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { engagementScore } from '../../shared/engagement';
import { page, post, thread } from '../adapters/records';
import type { AdapterResult } from '../adapters/types';
import { AnnotationStore } from '../content/annotations';
import { BadgeLayer } from './badge-layer';

/** A content script context whose invalidation listeners can be counted. */
function fakeContext() {
  const listeners = new Set<() => void>();
  const ctx = {
    isInvalid: false,
    options: {},
    onInvalidated(cb: () => void) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  return { ctx: ctx as unknown as ContentScriptContext, listeners };
}

/** jsdom has no IntersectionObserver: this one reports every observed element as near at once. */
class NearObserver {
  constructor(private readonly cb: IntersectionObserverCallback) {}
  observe(target: Element) {
    queueMicrotask(() => this.cb([{ isIntersecting: true, target } as IntersectionObserverEntry], this as unknown as IntersectionObserver));
  }
  unobserve() {}
  disconnect() {}
}

const activity = { posts: 3, topics: 1, replies: 2, repliesReceived: 1, likesReceived: 4, daysActive: 2, lastActiveAt: null };

describe('BadgeLayer', () => {
  beforeEach(() => vi.stubGlobal('IntersectionObserver', NearObserver));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('mounts a badge again when the forum re-renders its post, leaving no listener or badge behind', async () => {
    const { ctx, listeners } = fakeContext();
    const store = new AnnotationStore('https://f.example', async () => ({
      ok: true,
      data: { authors: [{ author: 'alice', memberId: 'a'.repeat(32), activity, engagement: engagementScore(activity) }] },
    }));
    const layer = new BadgeLayer(ctx, store);
    const record = page('discourse', { kind: 'thread', thread: thread('1'), posts: [post('1', { number: 1, author: 'alice' })] });
    await store.annotate(record);
    const base = listeners.size;

    // Discourse renders the post, then renders it again (a new author element each time).
    for (let i = 0; i < 5; i++) {
      document.body.replaceChildren();
      const article = document.createElement('article');
      const names = document.createElement('div');
      article.append(names);
      document.body.append(article);
      const result: AdapterResult = { page: record, elements: new Map([['1', { post: article, author: names }]]) };
      layer.sync(result);
      await vi.waitFor(() => expect(names.querySelector('pulse-badge')).not.toBeNull());
      expect(document.querySelectorAll('pulse-badge')).toHaveLength(1);
    }
    // One badge on the page and one invalidation listener for it: the four before were released.
    expect(listeners.size).toBe(base + 1);
  });
});
