import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project: shared code and CLIs (node), the Worker in workerd, the
 * extension (fake browser, jsdom), and the end-to-end test in Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', include: ['shared/**/*.test.ts', 'scripts/**/*.test.ts', 'demo/**/*.test.ts'], environment: 'node' } },
      './worker/vitest.config.ts',
      './extension/vitest.config.ts',
      {
        test: {
          name: 'e2e',
          include: ['extension/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
