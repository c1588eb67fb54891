import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations that `wrangler d1 migrations apply` reads.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/src/db/schema.ts',
  out: './migrations',
  // Never touch wrangler's own bookkeeping table.
  tablesFilter: ['!d1_migrations'],
});
