import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';

const repo = path.resolve(import.meta.dirname, '../..');
/** Real forum pages shared by the team (../shared/data/forums, see SOURCES.md there). */
export const SHARED_FORUMS = path.resolve(repo, '../shared/data/forums');

export const DISCOURSE_SAVED = path.join(
  SHARED_FORUMS,
  'discourse/discourse_topic_meta_2020_appshell_with_noscript_crawler_view_onebox.html',
);
export const DISCOURSE_LIVE_DEMO = path.join(repo, 'demo/forum/live-topic.html');

export function load(file: string, url: string): { doc: Document; url: URL; html: string } {
  const html = readFileSync(file, 'utf8');
  return loadHtml(html, url);
}

/** Parses like a browser with scripting off: nothing on the page runs. */
export function loadHtml(html: string, url: string): { doc: Document; url: URL; html: string } {
  const dom = new JSDOM(html, { url });
  return { doc: dom.window.document, url: new URL(url), html };
}
