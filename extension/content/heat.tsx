import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Alert } from '../../shared/schemas/alerts';
import { ask } from '../lib/messages';
import { OVERLAY_TAGS } from './post-observer';
import { HEAT_BANNER_CSS, HeatBanner } from '../overlay/HeatBanner';
import { createReleasableUi, type ReleasableUi } from '../overlay/releasable-ui';
import { timed } from './work-clock';

/**
 * The "heat" banner of a thread, for moderators and owners: asks the background for the
 * thread's open alerts (members always get none) and, when there are some, shows the
 * banner in its own closed shadow root just before the thread's first post on screen.
 * Forums re-render their posts: when the anchor leaves the page, the banner follows.
 */
export class ThreadHeat {
  private thread: string | null = null;
  private alerts: Alert[] = [];
  private dismissed = false;
  private ui: ReleasableUi<HTMLElement> | null = null;
  private anchor: Element | null = null;
  private placing = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly site: string,
  ) {}

  /** The page shows `thread` (a new one: fetch its alerts); `anchor` is its first post element. */
  async show(thread: string, anchor: Element | null) {
    if (thread !== this.thread) {
      this.thread = thread;
      this.alerts = [];
      this.dismissed = false;
      this.unmount();
      const res = await ask({ type: 'thread-alerts', site: this.site, thread });
      if (thread !== this.thread || !res.ok) return;
      this.alerts = res.alerts;
    }
    await this.place(anchor);
  }

  /** Posts changed: keep the banner on the page. */
  async place(anchor: Element | null) {
    if (this.dismissed || this.alerts.length === 0 || !anchor || this.placing) return;
    if (this.ui?.shadowHost.isConnected && (anchor === this.anchor || this.anchor?.isConnected)) return;
    this.unmount();
    this.placing = true;
    try {
      this.anchor = anchor;
      this.ui = await this.create(anchor);
      timed(() => this.ui!.mount());
    } finally {
      this.placing = false;
    }
  }

  private create(anchor: Element) {
    return createReleasableUi<HTMLElement>(this.ctx, {
      name: OVERLAY_TAGS.heat,
      mode: 'closed',
      position: 'inline',
      anchor,
      append: 'before',
      css: HEAT_BANNER_CSS,
      isolateEvents: true,
      onMount: (container) => {
        render(
          <HeatBanner
            alerts={this.alerts}
            onDismiss={() => {
              this.dismissed = true;
            }}
          />,
          container,
        );
        return container;
      },
      onRemove: (container) => container && render(null, container),
    });
  }

  private unmount() {
    this.ui?.release();
    this.ui = null;
    this.anchor = null;
  }
}
