import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { EXTENSION_PUBLIC_KEY } from './extension-key';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** WXT project rooted at extension/ (`wxt build extension`). */
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  imports: false,
  modules: ['@wxt-dev/i18n/module'],
  manifestVersion: 3,
  manifest: {
    name: 'Community Pulse',
    default_locale: 'en',
    version: pkg.version,
    key: EXTENSION_PUBLIC_KEY,
    description:
      'Engagement badges, sentiment and recommendations on the forums of your paid community, from your own Community Pulse Worker.',
    permissions: ['storage', 'alarms', 'scripting'],
    // The local Worker of `npm run dev` (and its demo forum); other Worker origins and the
    // community's sites are asked for when the user saves or joins in the options.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
