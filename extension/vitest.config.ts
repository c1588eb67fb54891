import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { bundledMessages } from './build/bundled-messages';

const here = import.meta.dirname;

/** Extension unit tests: WXT's fake browser (storage, runtime) and jsdom for adapters. */
export default defineConfig({
  plugins: [WxtVitest({ root: here }), bundledMessages()],
  test: {
    name: 'extension',
    root: path.resolve(here, '..'),
    include: ['extension/**/*.test.{ts,tsx}'],
    exclude: ['extension/e2e/**', '**/node_modules/**'],
    environment: 'jsdom',
  },
});
