import { defineConfig } from 'vitest/config';

/** `npm test` runs every project: shared code, the Worker in workerd, the extension, and the browser E2E. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/**/*.test.ts'], environment: 'node' } },
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
