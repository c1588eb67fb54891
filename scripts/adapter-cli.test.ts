import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const saved = path.resolve(root, '../shared/data/forums/discourse/discourse_topic_meta_2020_appshell_with_noscript_crawler_view_onebox.html');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/adapter-cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run adapter', { timeout: 60_000 }, () => {
  it('prints the reading of a saved Discourse page as JSON', () => {
    const r = cli(saved);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['engine', 'kind', 'thread', 'posts', 'listing', 'user', 'problems']);
    expect(json.engine).toBe('discourse');
    expect(json.thread.id).toBe('12483');
    expect(json.posts.map((p: { author: string; createdAt: string }) => [p.author, p.createdAt])).toEqual([
      ['techAPJ', '2014-02-06T04:55:19.000Z'],
      ['codinghorror', '2014-02-06T05:27:06.000Z'],
    ]);
    for (const p of json.posts) expect(Object.keys(p)).toEqual(expect.arrayContaining(['id', 'author', 'createdAt', 'text']));
  });

  it('takes the page URL from --url', () => {
    const r = cli('demo/forum/live-topic.html', '--url', 'http://127.0.0.1:1/t/x/4242');
    expect(JSON.parse(r.out).thread.url).toBe('http://127.0.0.1:1/t/weekly-study-group-sql-window-functions/4242');
  });

  it('forces the generic adapter with --engine generic', () => {
    const xf = path.resolve(root, '../shared/data/forums/other/xenforo2_thread_2019_nettally.html');
    expect(JSON.parse(cli(xf).out).engine).toBe('xenforo');
    const generic = JSON.parse(cli(xf, '--engine', 'generic').out);
    expect(generic.engine).toBe('generic');
    expect(generic.posts).toHaveLength(8);
    expect(generic.posts[0].author).toBe('dieketzer');
  });

  it('fails clearly on a missing file, a page it does not know, or a bad engine', () => {
    expect(cli('nope.html')).toMatchObject({ code: 2, err: expect.stringContaining('cannot read nope.html: ENOENT') });
    const blog = path.join(root, '.tmp-blog.html');
    writeFileSync(blog, '<html><body><article><h1>My trip</h1><p>We went to the sea.</p></article></body></html>');
    try {
      expect(cli(blog)).toMatchObject({ code: 2, err: expect.stringContaining('no adapter recognises this page') });
    } finally {
      rmSync(blog);
    }
    expect(cli(saved, '--engine', 'myspace')).toMatchObject({ code: 2, err: expect.stringContaining('unknown engine "myspace"') });
    expect(cli()).toMatchObject({ code: 2, out: expect.stringContaining('usage: npm run adapter') });
  });
});
