import type { Context } from 'hono';
import type { AppEnv } from './env';

/** Work that may finish after the answer (ctx.waitUntil); errors are logged, never thrown. */
export function background(c: Context<AppEnv>, work: Promise<unknown>): void {
  const logged = work.catch((e: Error) => console.error('background work failed', e));
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    void logged; // no execution context (direct fetch in tests)
  }
}
