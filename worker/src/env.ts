import type { D1Database } from '@cloudflare/workers-types';

/** Bindings the Worker receives (wrangler.toml, .dev.vars, `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  /** Key of the HMAC that turns usernames into member pseudonyms. At least 32 characters. */
  PSEUDONYM_KEY: string;
}

export interface AppEnv {
  Bindings: Env;
}
