import { browser } from 'wxt/browser';

/**
 * Asks for access to origins the extension does not hold yet (a non-local Worker, the
 * community's forums). Must run from a click: browsers only ask during a user gesture.
 */
export async function allowOrigins(origins: string[]): Promise<boolean> {
  const patterns = origins.map((o) => `${o}/*`);
  if (patterns.length === 0) return true;
  if (await browser.permissions.contains({ origins: patterns })) return true;
  return browser.permissions.request({ origins: patterns });
}
