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
          bindings: {
            TEST_MIGRATIONS: migrations,
            PSEUDONYM_KEY: 'test-only-pseudonym-key-0123456789abcdef',
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
