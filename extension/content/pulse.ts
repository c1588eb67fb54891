import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { adapterForSite } from '../adapters/for-site';
import type { AdapterResult } from '../adapters/types';
import { initI18n } from '../lib/i18n';
import { ask, askAnnotate } from '../lib/messages';
import { BadgeLayer } from '../overlay/badge-layer';
import { AnnotationStore, threadInput } from './annotations';
import { ThreadHeat } from './heat';
import { observePosts } from './post-observer';
import { Recommendations } from './recommendations';
import { Tracker } from './tracker';
import { timed } from './work-clock';

/**
 * The content script's work on one page: find the forum engine (or leave the page
 * alone), then keep badges on authors, report views, posts seen and dwell, and follow
 * single-page navigation.
 */
export async function startPulse(ctx: ContentScriptContext, doc: Document = document): Promise<boolean> {
  await initI18n({ contentScript: true });
  const config = await ask({ type: 'site-config', origin: doc.location.origin });
  return timed(() => start(ctx, doc, config.ok ? config.site : null));
}

function start(ctx: ContentScriptContext, doc: Document, siteConfig: Parameters<typeof adapterForSite>[2]): boolean {
  const adapter = adapterForSite(doc, new URL(doc.location.href), siteConfig);
  if (!adapter) return false;

  const site = doc.location.origin;
  let user: string | null = null;
  let thread: string | null = null;
  const listed = new Set<string>();

  const store = new AnnotationStore(
    site,
    (request) => askAnnotate(request),
    async (request) => {
      const r = await ask({ type: 'correction', request });
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    },
  );
  const badges = new BadgeLayer(ctx, store);
  badges.mountNotice(doc);
  const tracker = new Tracker(ctx, site, () => user, (events) => ask({ type: 'events', events }));
  const recs = new Recommendations(ctx, site, tracker);
  void recs.mount(doc);
  const heat = new ThreadHeat(ctx, site);

  const onPosts = (result: AdapterResult, added: AdapterResult['page']['posts']) => {
    const { page } = result;
    user = page.user?.username ?? user;
    const nextThread = page.kind === 'thread' ? (page.thread?.id ?? null) : null;
    if (page.kind === 'thread' && nextThread !== thread) {
      thread = nextThread;
      tracker.startPage(thread);
      if (thread) void recs.show(thread);
    }
    if (page.kind === 'listing') {
      const fresh = page.listing.filter((t) => t.id && t.title && !listed.has(t.id));
      for (const t of fresh) listed.add(t.id);
      for (let i = 0; i < fresh.length; i += 100) {
        void ask({ type: 'catalogue', request: { site, engine: page.engine, threads: fresh.slice(i, i + 100).map(threadInput) } });
      }
      return;
    }
    if (page.kind !== 'thread') return;
    if (thread) void heat.show(thread, result.elements.values().next().value?.post ?? null);
    for (const [id, el] of result.elements) tracker.watch(id, el.post);
    if (added.length > 0) void store.annotate(page, added);
    badges.sync(result);
  };

  const observer = observePosts(ctx, doc, adapter, onPosts);

  // Discourse rewrites the URL while you scroll (same thread) and routes between
  // threads without reloading: only a new thread id starts a new page.
  ctx.addEventListener(window, 'wxt:locationchange', () => observer.refresh());
  return true;
}
