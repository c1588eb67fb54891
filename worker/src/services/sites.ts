import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sites } from '../db/schema';

/** Community that sites join until communities and invites exist (migration 0001). */
export const DEFAULT_COMMUNITY_ID = 1;

export interface SiteRef {
  id: number;
  communityId: number;
}

/**
 * Site rows for origins, registering unknown ones under the default community.
 * `engine` is recorded when known and fills in a site first seen as 'unknown'.
 */
export async function resolveSites(db: Db, wanted: Map<string, string>): Promise<Map<string, SiteRef>> {
  const origins = [...wanted.keys()];
  const found = await db
    .select({ id: sites.id, origin: sites.origin, communityId: sites.communityId, engine: sites.engine })
    .from(sites)
    .where(inArray(sites.origin, origins));
  const byOrigin = new Map(found.map((s) => [s.origin, s]));
  const toWrite = origins.filter((o) => {
    const s = byOrigin.get(o);
    return !s || (s.engine === 'unknown' && wanted.get(o) !== 'unknown');
  });
  if (toWrite.length > 0) {
    const written = await db
      .insert(sites)
      .values(toWrite.map((origin) => ({ origin, engine: wanted.get(origin)!, communityId: DEFAULT_COMMUNITY_ID })))
      .onConflictDoUpdate({
        target: sites.origin,
        set: { engine: sql`case when ${sites.engine} = 'unknown' then excluded.engine else ${sites.engine} end` },
      })
      .returning({ id: sites.id, origin: sites.origin, communityId: sites.communityId, engine: sites.engine });
    for (const s of written) byOrigin.set(s.origin, s);
  }
  return new Map([...byOrigin].map(([origin, s]) => [origin, { id: s.id, communityId: s.communityId }]));
}

export async function resolveSite(db: Db, origin: string, engine: string): Promise<SiteRef> {
  const map = await resolveSites(db, new Map([[origin, engine]]));
  return map.get(origin)!;
}
