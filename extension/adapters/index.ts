import { discourseAdapter } from './discourse';
import type { AdapterResult, PageRecord, SiteAdapter } from './types';

/** Every site adapter, in the order detection tries them. One file per engine. */
export const adapters: readonly SiteAdapter[] = [discourseAdapter];

/** The adapter for this page, or null when the page is not a community page we know. */
export function pickAdapter(doc: Document, url: URL, engine?: string): SiteAdapter | null {
  if (engine) return adapters.find((a) => a.engine === engine) ?? null;
  return adapters.find((a) => a.detect(doc, url)) ?? null;
}

/** The serialisable part of a reading (what the adapter CLI prints). */
export function toJson(result: AdapterResult): PageRecord {
  return result.page;
}

export type { AdapterResult, PageRecord, SiteAdapter };
