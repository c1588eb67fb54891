import { browser } from 'wxt/browser';
import { type Session, siteMatches } from './session';

export const CONTENT_SCRIPT_ID = 'community-pulse';
const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/**
 * The content script runs only on the community's own sites, and only on those the
 * user granted access to: registered at run time from the session, never on every page.
 */
export async function syncContentScript(session: Session | null): Promise<string[]> {
  const wanted: string[] = [];
  for (const pattern of siteMatches(session)) {
    if (await browser.permissions.contains({ origins: [pattern] })) wanted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (wanted.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: CONTENT_SCRIPT_ID, matches: wanted, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return wanted;
}
