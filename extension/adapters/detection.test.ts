import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAVED_PAGE_ENGINES, SHARED_FORUMS, load } from '../test/pages';
import { pickAdapter } from './index';

const repo = path.resolve(import.meta.dirname, '../..');

const EXPECTED = SAVED_PAGE_ENGINES;

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
