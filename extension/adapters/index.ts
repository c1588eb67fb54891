import { discourseAdapter } from './discourse';
import { genericAdapter } from './generic';
import { githubAdapter } from './github';
import { hackernewsAdapter } from './hackernews';
import { lobstersAdapter } from './lobsters';
import { nodebbAdapter } from './nodebb';
import { phpbbAdapter } from './phpbb';
import { redditAdapter } from './reddit';
import { stackexchangeAdapter } from './stackexchange';
import type { AdapterResult, PageRecord, SiteAdapter } from './types';
import { xenforoAdapter } from './xenforo';

/**
 * Every engine adapter, one file each, in the order detection tries them (each detects
 * only its own engine; the tests check that none claims another engine's pages). The
 * generic adapter comes last and only where the page really looks like a discussion.
 */
export const engineAdapters: readonly SiteAdapter[] = [
  discourseAdapter,
  hackernewsAdapter,
  redditAdapter,
  stackexchangeAdapter,
  githubAdapter,
  phpbbAdapter,
  nodebbAdapter,
  xenforoAdapter,
  lobstersAdapter,
];

export const adapters: readonly SiteAdapter[] = [...engineAdapters, genericAdapter];

/** The adapter for this page, or null when the page is not a community page. */
export function pickAdapter(doc: Document, url: URL, engine?: string): SiteAdapter | null {
  if (engine) return adapters.find((a) => a.engine === engine) ?? null;
  return adapters.find((a) => a.detect(doc, url)) ?? null;
}

/** The serialisable part of a reading (what the adapter CLI prints). */
export function toJson(result: AdapterResult): PageRecord {
  return result.page;
}

export type { AdapterResult, PageRecord, SiteAdapter };
