import { asc, eq } from 'drizzle-orm';
import type { Community, SiteInput } from '../../../shared/schemas/auth';
import type { Db } from '../db/client';
import { communities, sites } from '../db/schema';
import { ApiFailure } from '../errors';

export interface SiteRef {
  id: number;
  communityId: number;
}

export async function loadCommunity(db: Db, communityId: number): Promise<Community> {
  const [row] = await db.select().from(communities).where(eq(communities.id, communityId)).limit(1);
  if (!row) throw new ApiFailure(404, 'not_found', 'No such community');
  const siteRows = await db
    .select({ id: sites.id, origin: sites.origin, engine: sites.engine, selectors: sites.selectors })
    .from(sites)
    .where(eq(sites.communityId, communityId))
    .orderBy(asc(sites.id));
  return { id: row.id, name: row.name, sites: siteRows, settings: { memberScores: row.memberScores } };
}

/** Creates a community and its sites; an origin already used by any community is refused. */
export async function createCommunity(db: Db, name: string, siteInputs: SiteInput[]): Promise<number> {
  await assertOriginsFree(db, siteInputs);
  const [c] = await db.insert(communities).values({ name }).returning({ id: communities.id });
  await db.insert(sites).values(siteInputs.map((s) => ({ communityId: c!.id, origin: s.origin, engine: s.engine })));
  return c!.id;
}

export async function assertOriginsFree(db: Db, siteInputs: SiteInput[]): Promise<void> {
  const origins = [...new Set(siteInputs.map((s) => s.origin))];
  if (origins.length !== siteInputs.length) throw new ApiFailure(400, 'invalid_body', 'The same site is listed twice');
  for (const origin of origins) {
    const [taken] = await db.select({ id: sites.id }).from(sites).where(eq(sites.origin, origin)).limit(1);
    if (taken) throw new ApiFailure(409, 'site_taken', `${origin} already belongs to a community`);
  }
}

/**
 * The caller's community's sites by origin. Every origin a request names must be one of
 * them; `field` names the offending one in the 403.
 */
export async function sitesOfCommunity(
  db: Db,
  communityId: number,
  origins: Array<{ origin: string; field: string }>,
): Promise<Map<string, SiteRef>> {
  const rows = await db
    .select({ id: sites.id, origin: sites.origin, communityId: sites.communityId })
    .from(sites)
    .where(eq(sites.communityId, communityId));
  const byOrigin = new Map(rows.map((r) => [r.origin, { id: r.id, communityId: r.communityId }]));
  for (const { origin, field } of origins) {
    if (!byOrigin.has(origin)) {
      throw new ApiFailure(403, 'site_not_in_community', `${field}: ${origin} is not a site of your community`);
    }
  }
  return byOrigin;
}
