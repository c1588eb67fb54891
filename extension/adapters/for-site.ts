import type { Site } from '../../shared/schemas/auth';
import { createGenericAdapter } from './generic';
import { adapters, pickAdapter } from './index';
import type { SiteAdapter } from './types';

/**
 * The adapter for a page of a community site: the owner's CSS selectors when given
 * (generic adapter), else the engine the owner declared for the site when it recognises
 * the page, else detection.
 */
export function adapterForSite(doc: Document, url: URL, site: Pick<Site, 'engine' | 'selectors'> | null): SiteAdapter | null {
  if (site?.selectors) return createGenericAdapter(site.selectors);
  const declared = site ? adapters.find((a) => a.engine === site.engine) : undefined;
  if (declared && declared.detect(doc, url)) return declared;
  return pickAdapter(doc, url);
}
