import type { D1Database, RateLimit } from '@cloudflare/workers-types';
import type { Principal } from './auth/principal';

/** Bindings the Worker receives (wrangler.toml, .dev.vars, `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  /** Key of the HMAC that turns usernames into member pseudonyms. At least 32 characters. */
  PSEUDONYM_KEY: string;
  /** The operator's token: creates communities. At least 32 characters. */
  ADMIN_TOKEN?: string;
  /** Key for the display names owners may see (AES-GCM at rest). At least 32 characters. */
  DISPLAY_NAME_KEY?: string;
  /** Comma-separated origins allowed to call from a browser: the extension's and the dashboard's. */
  ALLOWED_ORIGINS?: string;
  /** Per-token request limit (wrangler.toml [[ratelimits]]). */
  TOKEN_RATE_LIMIT?: RateLimit;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal };
}
