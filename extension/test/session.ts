import type { Session } from '../lib/session';

/** A joined browser's session for the background's tests: one community, one Discourse site. */
export function testSession(role: Session['role'] = 'member'): Session {
  return {
    token: 'cp_tok',
    accountId: 'a1',
    role,
    community: {
      id: 1,
      name: 'C',
      sites: [{ id: 1, origin: 'https://f.example', engine: 'discourse', selectors: null }],
      settings: { memberScores: true },
    },
    joinedAt: '2026-11-20T00:00:00Z',
    revokedAt: null,
  };
}
