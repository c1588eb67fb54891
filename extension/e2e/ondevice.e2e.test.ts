import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPaths, startDemoForum } from '../../demo/server';
import { applyMigrations, extensionDir, randomSecrets, readLocalD1, root, startWorker, type RunningWorker } from '../../scripts/local-stack';
import { CHROMIUM, launchWithExtension } from './browser';
import { freePort } from './free-port';
import { joinFromOptions } from './join';
import { adminInvite, createCommunity } from './seed';
import { shadowHosts } from './shadow';

/**
 * On-device mode in the built extension: a moderator switches "Score posts on this
 * device" on in the options; on the demo forum's live topic the offscreen document runs
 * transformers.js on the shipped model (onnxruntime-web's WebAssembly from the extension
 * itself) and the sentiment chips appear. A recording proxy in front of `wrangler dev`
 * shows that no annotate request carried a post's text, and D1's text_scores stays empty.
 */
const out = path.join(root, 'test-results');
const secrets = randomSecrets();
let worker: RunningWorker;
let forum: { url: string; close: () => Promise<void> };
let proxy: { url: string; bodies: string[]; server: Server };
let context: BrowserContext;
let extensionId: string;
let d1: string;
let moderatorCode: string;

/** Forwards everything to the Worker and keeps the bodies of POST /v1/annotate. */
async function recordingProxy(target: string): Promise<typeof proxy> {
  const bodies: string[] = [];
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url?.startsWith('/v1/annotate')) bodies.push(body.toString('utf8'));
      const fwd = httpRequest(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      fwd.on('error', () => res.writeHead(502).end());
      fwd.end(body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, bodies, server };
}

beforeAll(async () => {
  if (!existsSync(path.join(extensionDir, 'offscreen.html'))) {
    throw new Error(`No built extension with its offscreen document in ${extensionDir}: run \`npx wxt build extension\` first.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  mkdirSync(out, { recursive: true });
  d1 = mkdtempSync(path.join(os.tmpdir(), 'pulse-d1-'));
  applyMigrations(d1);
  const [w, f] = await Promise.all([freePort().then((port) => startWorker({ port, persistTo: d1, vars: secrets })), startDemoForum(0)]);
  worker = w;
  forum = f;
  proxy = await recordingProxy(worker.url);
  const community = await createCommunity(worker.url, secrets.ADMIN_TOKEN, forum.url, 'On-device community');
  moderatorCode = await adminInvite(worker.url, secrets.ADMIN_TOKEN, community.id, 'moderator');
  ({ context, extensionId } = await launchWithExtension(extensionDir));
});

afterAll(async () => {
  await context?.close();
  await new Promise((r) => proxy?.server.close(r));
  await forum?.close();
  await worker?.stop();
  if (d1) rmSync(d1, { recursive: true, force: true });
});

describe('on-device mode in Chromium', () => {
  it('a moderator turns it on in the options', async () => {
    expect(await joinFromOptions(context, extensionId, proxy.url, moderatorCode)).toBe('moderator');
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('Score posts on this device').check();
    await expect.poll(() => page.locator('#ondevice-status').innerText()).toContain('On-device scoring is on');
    expect(await page.getByTestId('ondevice-model').innerText()).toContain('shipped with the extension');
    await page.close();
  });

  it('asks before any hub download, and reports a failed one clearly (the real hub path; the model does not exist)', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const hubRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('huggingface.co')) hubRequests.push(r.url());
    });
    await page.getByLabel(/Larger sentiment model/).fill('community-pulse-e2e/no-such-model');
    await page.getByRole('button', { name: 'Download…' }).click();
    await expect.poll(() => page.getByRole('alertdialog').innerText()).toContain('Download community-pulse-e2e/no-such-model from huggingface.co?');
    await page.waitForTimeout(300);
    expect(hubRequests).toEqual([]);
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await expect.poll(() => page.locator('#ondevice-status').innerText(), { timeout: 30_000 }).toMatch(/^Could not download community-pulse-e2e\/no-such-model: (huggingface.co could not be reached|no such model)/);
    console.log(`[ondevice e2e] hub failure: ${await page.locator('#ondevice-status').innerText()}`);
    expect(await page.getByTestId('ondevice-model').innerText()).toContain('shipped with the extension');
    await page.close();
  });

  it('shows sentiment chips on the thread, and no post text reaches the Worker', async () => {
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.liveTopic}`);
    const chips = async () => (await shadowHosts(page, 'pulse-badge')).flatMap((h) => h.elements.filter((e) => /\bchip--(negative|neutral|positive)\b/.test(e.attrs.class ?? '')));
    await expect.poll(async () => (await chips()).length, { timeout: 40_000, interval: 500 }).toBeGreaterThan(3);
    const shown = await chips();
    console.log(`[ondevice e2e] ${shown.length} chips: ${[...new Set(shown.map((c) => c.text))].join(' | ')}`);
    await page.screenshot({ path: path.join(out, 'ondevice-chips.png') });

    // Every annotate body carried scores and no text; none contains a line of a post.
    const posts = await page.locator('.topic-post .cooked').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t.length > 0));
    expect(posts.length).toBeGreaterThan(3);
    expect(proxy.bodies.length).toBeGreaterThan(0);
    let withScores = 0;
    for (const body of proxy.bodies) {
      const sent = JSON.parse(body) as { posts: Array<{ text?: string; scores?: { model: string } }> };
      for (const p of sent.posts) {
        expect(p.text).toBeUndefined();
        if (p.scores) {
          withScores++;
          expect(p.scores.model).toMatch(/^pulse-sentiment@pulse-sentiment-/);
        }
      }
      for (const text of posts) {
        const line = text.split('\n').map((l) => l.trim()).sort((a, b) => b.length - a.length)[0]!;
        if (line.length >= 12) expect(body.includes(JSON.stringify(line).slice(1, -1)), `post text in an annotate body: ${line}`).toBe(false);
      }
    }
    expect(withScores).toBeGreaterThan(3);
    // The Worker stored no scores (and no hashes) for these posts.
    expect(readLocalD1<{ n: number }>('SELECT count(*) AS n FROM text_scores', d1)[0]!.n).toBe(0);
    expect(readLocalD1<{ n: number }>('SELECT count(*) AS n FROM posts WHERE text_hash IS NOT NULL', d1)[0]!.n).toBe(0);
    expect(readLocalD1<{ n: number }>('SELECT count(*) AS n FROM posts', d1)[0]!.n).toBeGreaterThan(3);
    await page.close();
  });

  it('measures the offscreen document: cold model load and posts per second', async () => {
    const sw = context.serviceWorkers()[0]!;
    const r = await sw.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      const send = (texts: string[]) => c.runtime.sendMessage({ target: 'offscreen', type: 'score', texts, hubModel: null });
      await c.offscreen.closeDocument().catch(() => undefined);
      const t0 = performance.now();
      await c.offscreen.createDocument({ url: 'offscreen.html', reasons: ['WORKERS'], justification: 'e2e timing' });
      const first = await send(['A first post.']);
      const cold = performance.now() - t0;
      const texts = Array.from({ length: 500 }, (_, i) => `Post ${i}: window functions are great, but 这个语法有点难懂，谢谢大家的解释 👍 https://example.com/${i}`);
      const t1 = performance.now();
      const many = await send(texts);
      const wall = performance.now() - t1;
      return { cold: Math.round(cold), loadMs: first.loadMs, ok: many.ok, n: many.scores?.length, wall: Math.round(wall), perSecond: Math.round((500 / wall) * 1000) };
    });
    console.log(`[ondevice e2e] offscreen: ${JSON.stringify(r)}`);
    expect(r.ok).toBe(true);
    expect(r.n).toBe(500);
  });

  it('never downloads a hub model from the offscreen document: one not in the browser’s cache is refused', async () => {
    const sw = context.serviceWorkers()[0]!;
    const reply = await sw.evaluate(() =>
      (globalThis as unknown as { chrome: any }).chrome.runtime.sendMessage({ target: 'offscreen', type: 'score', texts: ['hello'], hubModel: 'community-pulse-e2e/not-cached' }),
    );
    console.log(`[ondevice e2e] uncached hub model: ${JSON.stringify(reply)}`);
    // Stopped by remote models being off (the cache and the extension's files were the only
    // places it looked), not by a failed request to huggingface.co.
    expect(reply).toMatchObject({ ok: false, code: 'hub_not_cached' });
    expect(reply.error).toMatch(/allowRemoteModels=false/);
    expect(reply.error).not.toMatch(/Failed to fetch|huggingface\.co/);
  });
});
