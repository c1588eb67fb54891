import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load } from '../test/pages';
import { pickAdapter } from './index';

const repo = path.resolve(import.meta.dirname, '../..');

/** Every saved page, and the engine that must be picked for it (null: no adapter at all). */
const EXPECTED: Record<string, string | null> = {
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

const FIXTURES: Record<string, string> = {
  'demo/forum/live-topic.html': 'discourse',
  'demo/forum/crawler-topic.html': 'discourse',
  'extension/test/fixtures/github-discussion.reconstructed.html': 'github',
  'extension/test/fixtures/old-reddit-listing.reconstructed.html': 'reddit',
  'extension/test/fixtures/shreddit-thread.reconstructed.html': 'reddit',
};

describe('detection picks the right engine for every saved page', { timeout: 180_000 }, () => {
  it('knows every page in ../shared/data/forums', () => {
    const found = readdirSync(SHARED_FORUMS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(found.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, engine] of Object.entries(EXPECTED)) {
    it(`${file} → ${engine}`, () => {
      // Whatever the URL: a page saved and opened from elsewhere is still recognised.
      const { doc, url } = load(path.join(SHARED_FORUMS, file), 'https://example.org/some/page');
      expect(pickAdapter(doc, url)?.engine ?? null).toBe(engine);
    });
  }

  for (const [file, engine] of Object.entries(FIXTURES)) {
    it(`${file} → ${engine}`, () => {
      const { doc, url } = load(path.join(repo, file), 'https://example.org/t/x/1');
      expect(pickAdapter(doc, url)?.engine ?? null).toBe(engine);
    });
  }

  it('picks nothing on pages that are not community pages', async () => {
    const { loadHtml } = await import('../test/pages');
    const pages = [
      '<html><head><title>Blog</title></head><body><article><h1>My trip</h1><p>We went to the sea.</p><time datetime="2024-01-01">Jan 1</time></article></body></html>',
      '<html><body><h1>Search results</h1><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>',
      '<html><body></body></html>',
    ];
    for (const html of pages) {
      const { doc, url } = loadHtml(html, 'https://example.org/');
      expect(pickAdapter(doc, url)).toBeNull();
    }
  });
});
