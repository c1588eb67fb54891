import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../shared/schemas/auth';
import type { PulseEvent } from '../../shared/schemas/events';
import { call } from './call';

export const ADMIN_TOKEN = 'test-only-admin-token-0123456789abcdefghij';

let counter = 0;
/** A fresh site origin per test, so tests never share rows. */
export function uniqueOrigin(): string {
  counter += 1;
  return `https://forum-${Date.now().toString(36)}-${counter}.example`;
}

export interface TestCommunity {
  id: number;
  site: string;
  sites: string[];
  owner: string;
  ownerAccountId: string;
  /** Joins with a fresh invite of this role; returns the token and account id. */
  join(role: Role): Promise<{ token: string; accountId: string }>;
}

async function expectStatus<T>(p: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A community made the way an operator does (admin API), with its owner joined. */
export async function newCommunity(siteCount = 1): Promise<TestCommunity> {
  const sites = Array.from({ length: siteCount }, () => uniqueOrigin());
  const created = await expectStatus(
    call('POST', '/v1/admin/communities', { name: `Test ${counter}`, sites: sites.map((origin) => ({ origin, engine: 'discourse' })) }, { token: ADMIN_TOKEN }),
    201,
  );
  const owner = await expectStatus(call('POST', '/v1/join', { code: created.code }), 201);
  const community: TestCommunity = {
    id: created.community.id,
    site: sites[0]!,
    sites,
    owner: owner.token,
    ownerAccountId: owner.account.id,
    async join(role) {
      const invite = await expectStatus(call('POST', '/v1/invites', { role }, { token: owner.token }), 201);
      const joined = await expectStatus(call('POST', '/v1/join', { code: invite.code }), 201);
      return { token: joined.token, accountId: joined.account.id };
    },
  };
  return community;
}

export function pageView(site: string, actor: string | null, thread = '100', ts = '2026-11-20T10:00:00Z'): PulseEvent {
  return { id: uuidv7(), type: 'page_view', ts, site, actor, thread };
}

export function postSeen(site: string, actor: string | null, post: string, thread = '100'): PulseEvent {
  return { id: uuidv7(), type: 'post_seen', ts: '2026-11-20T10:00:05Z', site, actor, thread, post };
}

export function dwell(site: string, actor: string | null, durationMs: number, thread = '100'): PulseEvent {
  return { id: uuidv7(), type: 'dwell', ts: '2026-11-20T10:03:00Z', site, actor, thread, durationMs };
}
