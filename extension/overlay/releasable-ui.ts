import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi, type ShadowRootContentScriptUiOptions } from 'wxt/utils/content-script-ui/shadow-root';

export type ReleasableUi<T> = ShadowRootContentScriptUi<T> & {
  /** Removes the UI and drops the invalidation listener WXT registered for it. */
  release(): void;
};

/**
 * WXT's createShadowRootUi, for UIs the page may make again (a badge when the forum
 * re-renders its post, the heat banner on the next thread): createShadowRootUi registers
 * `ctx.onInvalidated(remove)` for every UI and never unregisters it, so each remake would
 * leave a listener behind, holding the removed UI. `release()` removes the UI and that
 * listener both.
 */
export async function createReleasableUi<T>(ctx: ContentScriptContext, options: ShadowRootContentScriptUiOptions<T>): Promise<ReleasableUi<T>> {
  const offs: Array<() => void> = [];
  const scoped = {
    options: ctx.options,
    onInvalidated(cb: () => void) {
      const off = ctx.onInvalidated(cb);
      offs.push(off);
      return off;
    },
  } as ContentScriptContext;
  const ui = await createShadowRootUi<T>(scoped, options);
  return Object.assign(ui, {
    release() {
      ui.remove();
      for (const off of offs.splice(0)) off();
    },
  });
}
