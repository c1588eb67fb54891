import { sites } from './db/schema';
import { getDb } from './db/client';
import type { Env } from './env';
import { recomputeNeighbours } from './services/neighbours';

/**
 * The cron (wrangler.toml [triggers]): recomputes every site's thread neighbours. Each
 * site is independent; one failing does not stop the others.
 */
export async function runScheduled(env: Env, now = Date.now()): Promise<Array<{ siteId: number; events?: number; rows?: number; error?: string }>> {
  const db = getDb(env);
  const all = await db.select({ id: sites.id }).from(sites);
  const out = [];
  for (const { id } of all) {
    try {
      out.push({ siteId: id, ...(await recomputeNeighbours(db, id, now)) });
    } catch (e) {
      console.error('neighbour precompute failed for site', id, e);
      out.push({ siteId: id, error: (e as Error).message });
    }
  }
  return out;
}
