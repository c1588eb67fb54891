import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPaths, startDemoForum } from '../../demo/server';
import { applyMigrations, extensionDir, randomSecrets, root, startWorker, type RunningWorker } from '../../scripts/local-stack';
import { CHROMIUM, launchWithExtension } from './browser';
import { freePort } from './free-port';
import { joinFromOptions } from './join';
import { adminInvite, createCommunity, importStackExchange, seedNegativeBurst } from './seed';
import { shadowHosts } from './shadow';

/**
 * The owner's popup and the moderators' heat banner, on the built extension against
 * `wrangler dev` seeded with a real community: conlang.stackexchange.com's public dump
 * (177 posts, 230 comments; CC BY-SA), its timeline mapped onto the last 120 days, plus a
 * negative burst in the demo forum's live topic. The cron's work runs once on demand.
 */
const out = path.join(root, 'test-results');
const dump = path.resolve(root, '../shared/data/recsys/stackexchange_conlang');
const secrets = randomSecrets();
const contexts: BrowserContext[] = [];
let worker: RunningWorker;
let forum: { url: string; close: () => Promise<void> };
let d1: string;
let codes: { owner: string; moderator: string };
let imported: { posts: number; threads: number; batches: number };

const liveTopicId = /\/(\d+)$/.exec(demoPaths.liveTopic)![1]!;

beforeAll(async () => {
  const t0 = Date.now();
  const lap = (what: string) => console.log(`[popup e2e] ${what}: ${Date.now() - t0} ms`);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build:ext\` first (npm test does).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  if (!existsSync(path.join(dump, 'Posts.xml'))) throw new Error(`No Stack Exchange dump in ${dump} (../shared/data beside the repository).`);
  mkdirSync(out, { recursive: true });
  d1 = mkdtempSync(path.join(os.tmpdir(), 'pulse-d1-'));
  applyMigrations(d1);
  lap('migrations');
  forum = await startDemoForum(0);
  const port = await freePort();
  worker = await startWorker({ port, persistTo: d1, vars: secrets });
  lap('worker');

  const now = Date.now();
  const community = await createCommunity(worker.url, secrets.ADMIN_TOKEN, forum.url, 'Conlang 造语社');
  codes = { owner: community.ownerCode, moderator: await adminInvite(worker.url, secrets.ADMIN_TOKEN, community.id, 'moderator') };
  imported = await importStackExchange({ workerUrl: worker.url, adminToken: secrets.ADMIN_TOKEN, communityId: community.id, site: forum.url, dir: dump, now, spanDays: 120 });
  lap('import');

  // The burst is written while the Worker is stopped (it holds the database), then the cron runs.
  await worker.stop();
  seedNegativeBurst(d1, forum.url, { id: liveTopicId, title: 'Weekly study group: SQL window functions', url: `${forum.url}${demoPaths.liveTopic}` }, now);
  worker = await startWorker({ port, persistTo: d1, vars: secrets, testScheduled: true });
  lap('restart');
  const cron = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`);
  if (!cron.ok) throw new Error(`/__scheduled: ${cron.status}`);
  lap('cron');
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await forum?.close();
  await worker?.stop();
  if (d1) rmSync(d1, { recursive: true, force: true });
});

async function browserAs(role: 'owner' | 'moderator') {
  const { context, extensionId } = await launchWithExtension(extensionDir);
  contexts.push(context);
  expect(await joinFromOptions(context, extensionId, worker.url, codes[role])).toBe(role);
  return { context, extensionId };
}

const tileValue = (page: Page, metric: string) => page.locator(`[data-metric="${metric}"] .tile-value`).innerText();

describe('the popup and the heat banner on an imported community', () => {
  it('imported the real community', () => {
    expect(imported.threads).toBeGreaterThan(50);
    expect(imported.posts).toBeGreaterThan(150);
  });

  it('the owner’s popup shows the pulse, the open alerts and the outbox, in English and Chinese', async () => {
    const { context, extensionId } = await browserAs('owner');
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 1500 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);

    await popup.locator('[data-metric="mau"] .tile-value').waitFor({ timeout: 20_000 });
    await expect.poll(() => popup.locator('.pulse-part').getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    // 90 days hold most of the imported months.
    await popup.getByRole('radio', { name: /90/ }).check();
    await expect.poll(async () => Number((await tileValue(popup, 'mau')).replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await popup.locator('table.heatmap tbody tr').count()).toBeGreaterThan(0);
    expect(await popup.locator('#alerts-heading').innerText()).toMatch(/1 open/);
    expect(await popup.locator('.alerts > li').first().innerText()).toMatch(/Heated thread/);
    expect(await popup.getByTestId('outbox-pending').innerText()).toMatch(/^\d+ events?$/);
    for (const part of ['cohorts', 'at-risk']) await popup.locator(`#part-${part} > summary`).click();
    await popup.screenshot({ path: path.join(out, 'popup-owner-en.png'), fullPage: true });
    // The numbers behind a chart, on demand.
    await popup.locator('#part-activity button[aria-expanded]').click();
    expect(await popup.locator('#part-activity table[data-table="activity"] tbody tr').count()).toBe(90);

    // The same popup in Chinese (the language chosen in the options), with CJK glyphs.
    await popup.evaluate("chrome.storage.local.set({ language: 'zh_CN' })");
    await popup.reload();
    await expect.poll(() => popup.locator('#pulse-heading').innerText(), { timeout: 10_000 }).toBe('社区脉搏');
    await popup.locator('[data-metric="mau"] .tile-value').waitFor();
    for (const part of ['cohorts', 'at-risk']) await popup.locator(`#part-${part} > summary`).click();
    await popup.screenshot({ path: path.join(out, 'popup-owner-zh_CN.png'), fullPage: true });
    await popup.evaluate("chrome.storage.local.set({ language: 'auto' })");
    await popup.close();
  });

  it('a moderator sees the heat banner in the thread with the negative burst', async () => {
    const { context } = await browserAs('moderator');
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.liveTopic}`);
    await expect
      .poll(async () => (await shadowHosts(page, 'pulse-heat')).map((h) => h.text).join(' | '), { timeout: 20_000 })
      .toMatch(/Community Pulse: 1 open alert on this thread/);
    const [banner] = await shadowHosts(page, 'pulse-heat');
    // The baseline is what the model made of the imported community's own history.
    const shown = /negative or toxic replies are surging · 78% negative \(usually (\d+)%\), 9 posts/.exec(banner!.text);
    expect(shown, banner!.text).not.toBeNull();
    expect(Number(shown![1])).toBeLessThan(78);
    expect(banner!.elements.find((e) => e.tag === 'button')?.attrs['aria-label']).toBe('Dismiss the alert banner');
    await page.screenshot({ path: path.join(out, 'heat-banner-moderator.png') });
    await page.close();
  });
});
