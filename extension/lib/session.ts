import { storage } from 'wxt/utils/storage';
import type { Community, Role } from '../../shared/schemas/auth';

/**
 * Who this browser is in its community: the bearer token from joining with an invite
 * code (the Worker keeps only its hash), the role, and the community's sites, which
 * are the only pages the content script runs on.
 */
export interface Session {
  token: string;
  accountId: string;
  role: Role;
  community: Community;
  joinedAt: string;
  /** Set when the Worker said the token was revoked; the overlay says so. */
  revokedAt: string | null;
}

export const sessionItem = storage.defineItem<Session | null>('local:session', { fallback: null, version: 1 });

/** Match patterns for the community's sites, e.g. `https://forum.example.com/*`. */
export function siteMatches(session: Session | null): string[] {
  return session ? session.community.sites.map((s) => `${s.origin}/*`) : [];
}

export async function markRevoked(): Promise<void> {
  const s = await sessionItem.getValue();
  if (s && !s.revokedAt) await sessionItem.setValue({ ...s, revokedAt: new Date().toISOString() });
}
