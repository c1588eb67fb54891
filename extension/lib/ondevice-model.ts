import { env, pipeline, type ProgressInfo } from '@huggingface/transformers';
import { browser } from 'wxt/browser';
import { SHIPPED_MODEL } from './ondevice';

/**
 * transformers.js in extension pages (the offscreen document, the options page). No remote
 * code: onnxruntime-web's WebAssembly and its loader come from the extension itself
 * (ort/, copied from node_modules by the build hook in wxt.config.ts), which the
 * extension pages' CSP allows with 'wasm-unsafe-eval' only. The shipped model loads from
 * public/models/ with remote models off; a hub model loads from huggingface.co (or the
 * browser's Cache API once downloaded) only when the caller says so.
 */
export type Classifier = (texts: string[], opts: { top_k: null }) => Promise<Array<Array<{ label: string; score: number }>>>;

/** onnxruntime-web's files shipped under ort/ (its WebAssembly-only build: wxt.config.ts aliases onnxruntime-web/webgpu to it). */
export const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] as const;

let configured = false;

function configure() {
  if (configured) return;
  configured = true;
  const wasm = env.backends.onnx.wasm!;
  wasm.wasmPaths = { mjs: browser.runtime.getURL(`/ort/${ORT_FILES[0]}` as '/'), wasm: browser.runtime.getURL(`/ort/${ORT_FILES[1]}` as '/') };
  // One thread: extension pages are not cross-origin isolated (no SharedArrayBuffer).
  wasm.numThreads = 1;
  wasm.proxy = false;
  // transformers.js would otherwise turn the loader into a blob: URL, which the CSP refuses.
  env.useWasmCache = false;
  env.localModelPath = browser.runtime.getURL('/models/' as '/');
}

/** The shipped model, offline: remote models off, read from the extension's own files. */
export async function loadShippedModel(): Promise<Classifier> {
  configure();
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  return (await pipeline('text-classification', SHIPPED_MODEL, { dtype: 'fp32' })) as unknown as Classifier;
}

/** A hub model's files are not in this browser's cache (cleared, or never downloaded). */
export class HubModelNotCached extends Error {}

/**
 * A Hugging Face hub model: from the browser's cache when downloaded before, else from
 * huggingface.co. Downloading is for the options page, after the user consented; the
 * offscreen document passes `cacheOnly` so a cleared cache never means a silent download.
 */
export async function loadHubModel(id: string, opts: { onProgress?: (p: ProgressInfo) => void; cacheOnly?: boolean } = {}): Promise<Classifier> {
  const { onProgress, cacheOnly = false } = opts;
  configure();
  // Cache only: remote off (the Cache API is still read first, under the huggingface.co URLs);
  // local on, since transformers.js refuses both off (a miss looks under models/, harmlessly).
  env.allowLocalModels = cacheOnly;
  env.allowRemoteModels = !cacheOnly;
  const load = (dtype?: 'fp32') =>
    pipeline('text-classification', id, {
      ...(onProgress ? { progress_callback: onProgress } : {}),
      ...(dtype ? { dtype } : {}),
    }) as unknown as Promise<Classifier>;
  const missingOnnx = (e: unknown) => /(Could not locate file|not found locally at).*\/onnx\//.test((e as Error).message);
  try {
    try {
      return await load();
    } catch (e) {
      // Browsers default to onnx/model_quantized.onnx; many exports ship only onnx/model.onnx.
      if (missingOnnx(e)) return await load('fp32');
      throw e;
    }
  } catch (e) {
    // It loaded when it was downloaded (options checks it), so a failure now is a missing file.
    if (cacheOnly) throw new HubModelNotCached(`${id}: ${(e as Error).message}`);
    throw e;
  } finally {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
  }
}
