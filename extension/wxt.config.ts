import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { bundledMessages } from './build/bundled-messages';
import { EXTENSION_PUBLIC_KEY } from './extension-key';

const require = createRequire(import.meta.url);
/** Must match ORT_FILES in lib/ondevice-model.ts. */
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

/** onnxruntime-web's dist/ (where its entry lives), the one transformers.js uses. */
const ortDist = () => path.dirname(require.resolve('onnxruntime-web'));

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
    // offscreen: on-device mode scores post text in an offscreen document (transformers.js).
    permissions: ['storage', 'alarms', 'scripting', 'offscreen'],
    // The local Worker of `npm run dev` (and its demo forum); other Worker origins and the
    // community's sites are asked for when the user saves or joins in the options.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // MV3's default plus 'wasm-unsafe-eval' (WebAssembly only: onnxruntime-web in the
    // offscreen document); scripts still only from the extension itself, no eval.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
  },
  hooks: {
    // onnxruntime-web's loader and WebAssembly, shipped with the extension (never fetched
    // from a CDN): lib/ondevice-model.ts points env.backends.onnx.wasm.wasmPaths here.
    'build:publicAssets': (_wxt, files) => {
      for (const f of ORT_FILES) files.push({ absoluteSrc: path.join(ortDist(), f), relativeDest: `ort/${f}` });
    },
  },
  vite: () => ({
    plugins: [bundledMessages()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      // transformers.js imports onnxruntime-web/webgpu, whose default build also bundles a
      // 27 MB WebAssembly as a Vite asset. The WebAssembly-only build (CPU, no WebGPU) loads
      // only what wasmPaths names (ort/): 14 MB, and 2.4 s instead of 6.8 s to first scores.
      alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: path.join(ortDist(), 'ort.wasm.min.mjs') }],
    },
  }),
});
