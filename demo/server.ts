/**
 * The demo forum: two Discourse topic pages on localhost for trying the extension.
 *   npm run demo:forum [-- --port 8790]
 * Pages are built by scripts/build-demo-pages.ts (see demo/forum/SOURCES.md).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoTopic } from './forum/live-topic.data';
import { crawlerTopicRow, moreTopics, renderLatestPage, renderTopicPage, topicPath } from './forum/render-pages';
import { postsJson } from './forum/topic-json';

const here = import.meta.dirname;
const CRAWLER_TOPIC = '/t/congratulations-most-stars-in-2013-github-octoverse/12483';
const LIVE_TOPIC = `/t/${demoTopic.slug}/${demoTopic.id}`;

export const demoPaths = { crawlerTopic: CRAWLER_TOPIC, liveTopic: LIVE_TOPIC, latest: '/latest' };

const INDEX = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pulse Demo Forum</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>Pulse Demo Forum</h1>
<p>Discourse pages to try the Community Pulse extension on:</p>
<ul>
<li><a href="/latest">Latest topics</a> — the topic list (it fills the catalogue that "recommended for you" draws on)</li>
<li><a href="${LIVE_TOPIC}">Weekly study group: SQL window functions</a> — the live Discourse app's markup (reconstructed), Chinese and English, more posts load while scrolling</li>
<li><a href="${CRAWLER_TOPIC}">Congratulations, most stars in 2013 GitHub Octoverse!</a> — a real meta.discourse.org page as seen without JavaScript</li>
</ul></body></html>`;

async function file(name: string): Promise<string> {
  return readFile(path.join(here, 'forum', name), 'utf8');
}

const topicPathOf = topicPath;
function isTopicPath(pathname: string, base: string): boolean {
  return pathname === base || pathname === `${base}/` || new RegExp(`^${base}/\\d+/?$`).test(pathname);
}

export function createDemoForum(): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (req.method !== 'GET') return send(405, 'text/plain', 'GET only');
      if (url.pathname === '/') return send(200, 'text/html', INDEX);
      if (isTopicPath(url.pathname, CRAWLER_TOPIC)) return send(200, 'text/html', await file('crawler-topic.html'));
      if (isTopicPath(url.pathname, LIVE_TOPIC)) return send(200, 'text/html', await file('live-topic.html'));
      if (url.pathname === '/latest' || url.pathname === '/latest/') return send(200, 'text/html', renderLatestPage(crawlerTopicRow));
      const more = moreTopics.find((t) => isTopicPath(url.pathname, topicPathOf(t)));
      if (more) return send(200, 'text/html', renderTopicPage(more));
      if (url.pathname === `/t/${demoTopic.id}/posts.json`) {
        const ids = url.searchParams.getAll('post_ids[]').map(Number).filter(Number.isInteger);
        return send(200, 'application/json', JSON.stringify(postsJson(ids)));
      }
      if (url.pathname === '/assets/discourse-demo-app.js') {
        return send(200, 'text/javascript', await file('assets/discourse-demo-app.js'));
      }
      return send(404, 'text/plain', 'Not found');
    } catch (e) {
      send(500, 'text/plain', `demo forum error: ${(e as Error).message}`);
    }
  });
}

/** Starts the demo forum; port 0 picks a free one. */
export async function startDemoForum(port = 8790, host = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createDemoForum();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.DEMO_PORT ?? 8790);
  const { url } = await startDemoForum(port);
  process.stdout.write(`demo forum on ${url}\n  ${url}${LIVE_TOPIC}\n  ${url}${CRAWLER_TOPIC}\n`);
}
