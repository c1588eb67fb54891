import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/** Worker tests run inside workerd against a real local D1 with the project's migrations. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, 'wrangler.toml') },
        miniflare: {
          // A lower per-token limit than production's 600/min, so the 429 test is quick.
          ratelimits: { TOKEN_RATE_LIMIT: { namespace_id: '1001', simple: { limit: 100, period: 60 } } },
          bindings: {
            TEST_MIGRATIONS: migrations,
            PSEUDONYM_KEY: 'test-only-pseudonym-key-0123456789abcdef',
            ADMIN_TOKEN: 'test-only-admin-token-0123456789abcdefghij',
            DISPLAY_NAME_KEY: 'test-only-display-name-key-0123456789abcdef',
            ALLOWED_ORIGINS: 'chrome-extension://testextensionid,https://dashboard.example',
          },
        },
      }),
    ],
    test: {
      name: 'worker',
      root,
      include: ['worker/**/*.test.ts'],
      setupFiles: [path.join(root, 'worker/test/apply-migrations.ts')],
    },
  };
});
