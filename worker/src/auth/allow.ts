import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ROLE_RANK, type Role } from '../../../shared/schemas/auth';
import type { AppEnv } from '../env';
import { errorBody } from '../errors';
import type { AccountPrincipal } from './principal';

/** Who may call a route: anyone, the operator, or community members from a minimum role up. */
export type Access = 'public' | 'admin' | Role;

/** Marks the middleware with its rule so tests can find routes without one. */
export const ACCESS = Symbol.for('community-pulse.access');

/**
 * Every route declares who may call it, first thing: `.get('/', allow('moderator'), …)`.
 * Anonymous, unknown and revoked tokens get 401; a known caller without the role, 403.
 */
export function allow(access: Access) {
  const mw = createMiddleware<AppEnv>(async (c, next) => {
    if (access === 'public') return next();
    const p = c.get('principal');
    if (p.kind === 'anonymous') return c.json(errorBody('unauthorized', 'Send your token: Authorization: Bearer <token>'), 401);
    if (p.kind === 'invalid') return c.json(errorBody('unauthorized', 'Unknown token'), 401);
    if (p.kind === 'revoked') return c.json(errorBody('token_revoked', 'This access was revoked by the community owner'), 401);
    if (access === 'admin') {
      if (p.kind === 'admin') return next();
      return c.json(errorBody('forbidden', 'Only the operator (ADMIN_TOKEN) may do this'), 403);
    }
    if (p.kind !== 'account') return c.json(errorBody('forbidden', 'This route is for community members'), 403);
    if (ROLE_RANK[p.role] < ROLE_RANK[access]) {
      return c.json(errorBody('forbidden', `Only a community ${access}${access === 'owner' ? '' : ' or above'} may do this`), 403);
    }
    return next();
  });
  return Object.assign(mw, { [ACCESS]: access });
}

/** The calling account on routes guarded by a community role. */
export function caller(c: Context<AppEnv>): AccountPrincipal {
  const p = c.get('principal');
  if (p.kind !== 'account') throw new Error('caller() on a route without a community role');
  return p;
}
