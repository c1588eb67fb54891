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

/** Every page in ../shared/data/forums with the engine that must read it. */
export const SAVED_PAGE_ENGINES: Record<string, string> = {
  'discourse/discourse_topic_meta_2020_appshell_with_noscript_crawler_view_onebox.html': 'discourse',
  'github/github_issue_56_rendered_dom_defuddle.html': 'github',
  'hackernews/hn_frontpage_2022-08_purifier.html': 'hackernews',
  'hackernews/hn_item_2023-07_postlight.html': 'hackernews',
  'lobsters/lobsters_story_2020_handsonscala.html': 'lobsters',
  'nodebb/nodebb4_recent_live.html': 'nodebb',
  'nodebb/nodebb4_topic_en_guest_live.html': 'nodebb',
  'nodebb/nodebb_topic_2019_nettally.html': 'nodebb',
  'other/xenforo2_thread_2019_nettally.html': 'xenforo',
  'phpbb/phpbb_viewtopic_2019_nettally.html': 'phpbb',
  'reddit_new/postlight_www.reddit.com--title-only.html': 'reddit',
  'reddit_new/postlight_www.reddit.com.html': 'reddit',
  'reddit_new/shreddit_post_social_crawler_stub_2024-07_liquidx.html': 'reddit',
  'reddit_old/old_reddit_thread_2018-04_blogskipper.html': 'reddit',
  'stackexchange/so_question_1732348_2020-12_howdoi.html': 'stackexchange',
};

/** The demo forum's pages (Discourse). */
export const DEMO_PAGE_ENGINES: Record<string, string> = {
  'demo/forum/live-topic.html': 'discourse',
  'demo/forum/crawler-topic.html': 'discourse',
};

/** Absolute paths of every saved and demo page, with their engines: for detection tests. */
export function allSavedPages(): Array<{ file: string; engine: string }> {
  return [
    ...Object.entries(SAVED_PAGE_ENGINES).map(([f, engine]) => ({ file: path.join(SHARED_FORUMS, f), engine })),
    ...Object.entries(DEMO_PAGE_ENGINES).map(([f, engine]) => ({ file: path.join(repo, f), engine })),
  ];
}
