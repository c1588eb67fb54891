import { sql } from 'drizzle-orm';
import { getDb } from './db/client';
import { sites } from './db/schema';
import type { Env } from './env';
import { detectAlerts } from './services/alerts';
import { refreshChurn } from './services/churn';
import { refreshScores } from './services/scores';
import { recomputeNeighbours } from './services/neighbours';
import { rollupSite } from './services/rollups';

/** Retrain a community's churn model at most this often. */
const CHURN_EVERY_MS = 20 * 3_600_000;

export interface ScheduledReport {
  rollups: Array<{ siteId: number; days?: number; error?: string }>;
  churn: Array<{ communityId: number; members?: number; skipped?: boolean; scored?: number; error?: string }>;
  neighbours: Array<{ siteId: number; events?: number; rows?: number; error?: string }>;
  alerts: Array<{ communityId: number; opened?: number; error?: string }>;
  /** Wall time of each step, milliseconds (logged with the report: `wrangler tail`). */
  ms: { rollups: number; churn: number; neighbours: number; alerts: number };
}

async function each<T, R>(items: T[], run: (t: T) => Promise<R>, label: (t: T) => object): Promise<Array<R | ({ error: string } & object)>> {
  const out: Array<R | ({ error: string } & object)> = [];
  for (const item of items) {
    try {
      out.push(await run(item));
    } catch (e) {
      console.error('scheduled step failed', label(item), e);
      out.push({ ...label(item), error: (e as Error).message });
    }
  }
  return out;
}

/**
 * The cron (wrangler.toml [triggers]): daily rollups of every site, the churn model of
 * every community (at most every 20 hours) and its members' engagement scores, thread
 * neighbours for recommendations, and the alert rules (new alerts go to the webhook).
 * Each step and each site is independent: one failing does not stop the others.
 */
export async function runScheduled(
  env: Env,
  now = Date.now(),
  options: { forceChurn?: boolean; post?: (url: string, body: unknown) => Promise<void> } = {},
): Promise<ScheduledReport> {
  const db = getDb(env);
  let mark = Date.now();
  const lap = () => {
    const t = Date.now();
    const ms = t - mark;
    mark = t;
    return ms;
  };
  const all = await db.select({ id: sites.id, communityId: sites.communityId }).from(sites);
  const rollups = await each(all, async (s) => ({ siteId: s.id, ...(await rollupSite(db, s, now)) }), (s) => ({ siteId: s.id }));
  const rollupsMs = lap();
  const trained = await db.all<{ community_id: number; trained_at: number }>(sql`SELECT community_id, trained_at FROM churn_models`);
  const lastTrained = new Map(trained.map((t) => [t.community_id, t.trained_at]));
  const communities = [...new Set(all.map((s) => s.communityId))];
  const churn = await each(
    communities,
    async (communityId) => {
      const train = options.forceChurn || now - (lastTrained.get(communityId) ?? 0) >= CHURN_EVERY_MS;
      const members = train ? (await refreshChurn(db, communityId, now)).members : undefined;
      const scored = await refreshScores(db, communityId, now);
      return { communityId, ...(train ? { members } : { skipped: true }), scored };
    },
    (communityId) => ({ communityId }),
  );
  const churnMs = lap();
  const neighbours = await each(all, async (s) => ({ siteId: s.id, ...(await recomputeNeighbours(db, s.id, now)) }), (s) => ({ siteId: s.id }));
  const neighboursMs = lap();
  const alerts = await each(
    communities,
    async (communityId) => ({ communityId, opened: (await detectAlerts(db, communityId, now, { post: options.post })).length }),
    (communityId) => ({ communityId }),
  );
  const report = { rollups, churn, neighbours, alerts, ms: { rollups: rollupsMs, churn: churnMs, neighbours: neighboursMs, alerts: lap() } } as ScheduledReport;
  console.log(`scheduled: ${JSON.stringify(report)}`);
  return report;
}
