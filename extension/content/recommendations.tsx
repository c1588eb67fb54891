import { render } from 'preact';
import { storage } from 'wxt/utils/storage';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ask } from '../lib/messages';
import { OVERLAY_TAGS } from './post-observer';
import { RECS_CSS, RecsPanel, type RecsState } from '../overlay/RecsPanel';
import type { Tracker } from './tracker';
import { timed } from './work-clock';

/** Whether the panel is open; remembered across pages. */
const panelOpenItem = storage.defineItem<boolean>('local:recsPanelOpen', { fallback: false, version: 1 });

/**
 * The "recommended for you" panel of a thread page: asks the Worker (through the
 * background) for the thread on screen, shows the picks with their reasons, and reports
 * impressions, clicks and dismissals as events that feed the recommender.
 */
export class Recommendations {
  private state: RecsState = { status: 'loading' };
  private open = false;
  private thread: string | null = null;
  private shown = new Set<string>();
  private container: HTMLElement | null = null;
  private doc: Document | null = null;
  private creating = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly site: string,
    private readonly tracker: Tracker,
  ) {}

  /**
   * Readies the panel for `doc`. It is put on the page once it has something to show (the
   * picks, or "loading" in a panel left open): a closed tab reading "(0)" while the Worker
   * answers would cost the page a layout for nothing.
   */
  async mount(doc: Document = document) {
    this.open = await panelOpenItem.getValue();
    this.doc = doc;
    timed(() => this.render());
  }

  private async create(doc: Document) {
    const ui = await createShadowRootUi<HTMLElement>(this.ctx, {
      name: OVERLAY_TAGS.recs,
      mode: 'closed',
      position: 'inline',
      anchor: doc.body,
      append: 'last',
      css: RECS_CSS,
      isolateEvents: true,
      onMount: (container) => {
        this.container = container;
        this.render();
        return container;
      },
      onRemove: (container) => container && render(null, container),
    });
    timed(() => ui.mount());
  }

  /** The member opened a thread (or moved to another one): fetch its recommendations. */
  async show(thread: string) {
    if (thread === this.thread) return;
    this.thread = thread;
    this.shown.clear();
    this.state = { status: 'loading' };
    this.render();
    const res = await ask({ type: 'recommendations', site: this.site, thread });
    if (thread !== this.thread) return;
    this.state = res.ok ? { status: 'ready', items: res.data.items } : { status: 'error', error: res.error };
    timed(() => this.render());
  }

  private render() {
    if (!this.container) {
      const worth = this.state.status === 'ready' || (this.open && this.state.status === 'loading');
      if (worth && this.doc && !this.creating) {
        this.creating = true;
        void this.create(this.doc);
      }
      return;
    }
    render(
      <RecsPanel
        state={this.state}
        open={this.open}
        onToggle={(open) => {
          this.open = open;
          void panelOpenItem.setValue(open);
          this.render();
        }}
        onShown={(thread, rank) => {
          if (this.shown.has(thread)) return;
          this.shown.add(thread);
          void this.tracker.recommendation('rec_impression', thread, rank);
        }}
        onOpenThread={(thread, url, rank) => {
          void this.tracker.recommendation('rec_click', thread, rank).finally(() => {
            window.location.href = url;
          });
        }}
        onDismiss={(thread, rank) => void this.tracker.recommendation('rec_dismiss', thread, rank)}
      />,
      this.container,
    );
  }
}
