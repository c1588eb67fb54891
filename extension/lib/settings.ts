import { storage } from 'wxt/utils/storage';
import { DEFAULT_WORKER_URL } from '../../shared/constants';
import { t } from './i18n';

/** The Worker the extension talks to. */
export const workerUrlItem = storage.defineItem<string>('local:workerUrl', {
  fallback: DEFAULT_WORKER_URL,
  version: 1,
});

export type ParsedWorkerUrl = { ok: true; url: string; origin: string } | { ok: false; error: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a Worker URL typed by the user: http(s) only, plain http only for this
 * computer (tokens and usernames must not cross the network in clear), no
 * credentials, query or fragment. Returns it without a trailing slash.
 */
export function parseWorkerUrl(input: string): ParsedWorkerUrl {
  const text = input.trim();
  if (!text) return { ok: false, error: t('options.worker.errors.empty') };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: t('options.worker.errors.notUrl') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: t('options.worker.errors.scheme') };
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { ok: false, error: t('options.worker.errors.insecure') };
  }
  if (url.username || url.password) return { ok: false, error: t('options.worker.errors.credentials') };
  if (url.search || url.hash) return { ok: false, error: t('options.worker.errors.query') };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin };
}
