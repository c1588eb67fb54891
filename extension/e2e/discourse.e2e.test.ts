import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPaths, startDemoForum } from '../../demo/server';
import { spawnSync } from 'node:child_process';
import {
  applyMigrations,
  extensionDir,
  queryLocalD1,
  randomSecrets,
  readLocalD1,
  root,
  startWorker,
  type RunningWorker,
} from '../../scripts/local-stack';
import { CHROMIUM, launchWithExtension } from './browser';
import { freePort } from './free-port';
import { badgeTexts, focusShadowElement, shadowHosts } from './shadow';

/**
 * The whole product path: the built extension in headless Chromium opens the demo
 * Discourse pages served on localhost while `wrangler dev` runs on a fresh local D1;
 * badges appear beside authors, and the page's events are then in D1.
 */
const shots = path.join(root, 'test-results');
let worker: RunningWorker;
let forum: { url: string; close: () => Promise<void> };
let context: BrowserContext;
let extensionId: string;
let d1: string;
const secrets = randomSecrets();
let communityId: number;

async function until<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}


beforeAll(async () => {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build:ext\` first (npm test does).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  mkdirSync(shots, { recursive: true });
  d1 = mkdtempSync(path.join(os.tmpdir(), 'pulse-d1-'));
  applyMigrations(d1);
  worker = await startWorker({ port: await freePort(), persistTo: d1, vars: secrets });
  forum = await startDemoForum(0);
  ({ context, extensionId } = await launchWithExtension(extensionDir));
});

afterAll(async () => {
  await context?.close();
  await forum?.close();
  await worker?.stop();
  if (d1) rmSync(d1, { recursive: true, force: true });
});

describe('the built extension on the demo Discourse forum', () => {
  it('shows nothing on the forum before the browser has joined its community', async () => {
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.liveTopic}`);
    await page.waitForTimeout(2500);
    expect(await page.locator('pulse-badge').count()).toBe(0);
    await page.close();
  });

  it('is pointed at the Worker from its options page, which tests the connection', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const input = page.getByLabel('Worker URL');
    await input.fill('not a url');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#worker-status').innerText()).toContain('not a web address');

    await input.fill(`${worker.url}/`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#worker-status').innerText()).toContain(`Saved. The extension now talks to ${worker.url}.`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.locator('#worker-status').innerText()).toContain('Connected: Community Pulse API');
    await page.close();
  });

  it('joins the community with the owner invite printed by `npm run community:create`', async () => {
    const cli = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/community-create.ts', '--name', 'Demo community', '--site', forum.url, '--worker', worker.url],
      { cwd: root, encoding: 'utf8', env: { ...process.env, ADMIN_TOKEN: secrets.ADMIN_TOKEN } },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const code = /\b(CP-[A-Z2-7]{26})\b/.exec(cli.stdout)?.[1];
    communityId = Number(/community #(\d+)/.exec(cli.stdout)?.[1]);
    expect(code, cli.stdout).toBeDefined();

    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('Invite code').fill('CP-not-a-code');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => page.locator('#join-status').innerText()).toContain('That is not an invite code');
    await page.getByLabel('Invite code').fill(code!);
    await page.getByLabel('Name this browser (optional)').fill('e2e-browser');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => page.getByTestId('community-name').innerText()).toBe('Demo community');
    expect(await page.getByTestId('role').innerText()).toBe('owner');

    // As the owner, make a member invite: the code is shown once.
    await page.getByRole('button', { name: 'Create invite' }).click();
    await expect.poll(() => page.getByTestId('invite-code').innerText()).toMatch(/^CP-[A-Z2-7]{26}$/);
    await expect.poll(() => page.locator('#invites-heading ~ table tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.close();

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(() => popup.getByTestId('role').innerText()).toBe('owner');
    await popup.close();
  });

  it('records the threads of the topic list for recommendations', async () => {
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.latest}`);
    await until(
      'the listed topics in the catalogue',
      () => readLocalD1<{ n: number }>('SELECT count(*) AS n FROM threads', d1)[0]!.n,
      (n) => n === 6,
    );
    expect(readLocalD1<{ ext_id: string; tags: string }>("SELECT ext_id, tags FROM threads WHERE ext_id = '4246'", d1)[0]).toEqual({
      ext_id: '4246',
      tags: '["python","sql"]',
    });
    await page.close();
  });

  it('shows an engagement badge beside every author, including posts loaded while scrolling', async () => {
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.liveTopic}`);
    // The first window: 6 rendered posts, each with a score badge inside its author block.
    const first = await until('6 scored badges', () => badgeTexts(page), (t) => t.length === 6 && t.every((x) => /\d+ · /.test(x)));
    // (DevTools omits whitespace-only text nodes, so the symbol and the score run together here.)
    for (const text of first) expect(text).toMatch(/^[○◐●] ?\d{1,3} · (newcomer|regular|core)$/);
    const authors = await page.locator('article:has(pulse-badge) .names a[data-user-card]').evaluateAll((as) =>
      [...new Set(as.map((a) => a.getAttribute('data-user-card')))],
    );
    expect(authors).toEqual(['mei_demo', 'alex_k', 'xiaoming', 'priya_s', 'jordan_b']);
    // Scores in page order: one badge per post; post 1 is mei_demo's, post 6 jordan_b's.
    const hosts = await shadowHosts(page, 'pulse-badge');
    const badge = (i: number) => hosts[i]!.elements.find((e) => /\bbadge\b/.test(e.attrs.class ?? ''))!;
    expect(Number(badge(0).attrs['data-score'])).toBeGreaterThan(Number(badge(5).attrs['data-score']));
    expect(badge(0).attrs['aria-label']).toMatch(/^Engagement of mei_demo: \d+ of 100, (newcomer|regular|core)$/);

    // The reasons, on keyboard focus.
    await focusShadowElement(page, badge(0));
    await expect
      .poll(async () => (await shadowHosts(page, 'pulse-badge'))[0]!.elements.find((e) => e.attrs.role === 'tooltip')?.text ?? '')
      .toContain('Likes received');

    // The forum's own scripts cannot reach into the badge.
    expect(await page.evaluate(() => document.querySelector('pulse-badge')?.shadowRoot ?? null)).toBeNull();
    await page.screenshot({ path: path.join(shots, 'discourse-live-badges.png') });

    // Scrolling to the end loads posts 7-12 the way Discourse does; the shared observer badges them.
    await page.mouse.wheel(0, 10_000);
    await until('12 posts after loading more', () => page.locator('article[data-post-id]').count(), (n) => n === 12);
    // Badges mount as posts near the viewport: read the thread from the top again.
    for (let y = 0; y <= 4000; y += 400) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(100);
    }
    await until('12 badges after loading more', () => badgeTexts(page), (t) => t.length === 12 && t.every((x) => /\d+ · /.test(x)));
    await page.mouse.wheel(0, 10_000);
    await page.waitForTimeout(1500); // let the last posts count as seen
    await page.close();
  });

  it('reads the real saved Discourse page (crawler view) and badges its two authors', async () => {
    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.crawlerTopic}`);
    await until('2 scored badges', () => badgeTexts(page), (t) => t.length === 2 && t.every((x) => /\d+ · /.test(x)));
    const hosts = await page.locator('.crawler-post .creator').evaluateAll((els) =>
      els.map((e) => [e.querySelector('[itemprop="name"]')?.textContent, !!e.querySelector('pulse-badge')]),
    );
    expect(hosts).toEqual([
      ['techAPJ', true],
      ['codinghorror', true],
    ]);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shots, 'discourse-crawler-badges.png') });

    // "Recommended for you": the other topic seen on this forum, with its reason; a click
    // opens it and is recorded.
    const tab = async () => (await shadowHosts(page, 'pulse-recs'))[0]?.elements ?? [];
    await expect.poll(async () => (await tab()).find((e) => e.tag === 'button')?.text ?? '').toMatch(/^Recommended for you \(\d+\)$/);
    const open = (await tab()).find((e) => e.tag === 'button')!;
    await focusShadowElement(page, open);
    await page.keyboard.press('Enter');
    // Unread topics from the list, never the two already read.
    await expect.poll(async () => (await tab()).filter((e) => e.tag === 'li').length).toBeGreaterThanOrEqual(3);
    const items = await tab();
    const listed = items.filter((e) => e.tag === 'li').map((e) => e.attrs['data-thread']);
    expect(listed).not.toContain('4242');
    expect(listed).not.toContain('12483');
    expect(listed.every((id) => ['4243', '4244', '4245', '4246'].includes(id!))).toBe(true);
    for (const reason of items.filter((e) => e.attrs.class === 'reason')) expect(reason.text.length).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(shots, 'discourse-recommendations.png') });
    const link = items.find((e) => e.tag === 'a')!;
    await focusShadowElement(page, link);
    await Promise.all([page.waitForURL(new RegExp(`/${listed[0]}$`)), page.keyboard.press('Enter')]);
    await expect
      .poll(() => readLocalD1<{ n: number }>(`SELECT count(*) AS n FROM events WHERE type = 'rec_click' AND thread_ext_id = '${listed[0]}'`, d1)[0]!.n, {
        timeout: 20_000,
      })
      .toBe(1);
    expect(readLocalD1<{ props: string }>("SELECT props FROM events WHERE type = 'rec_click'", d1)[0]!.props).toBe('{"from":"12483"}');
    await page.goto(`${forum.url}${demoPaths.crawlerTopic}`);
    await page.waitForTimeout(1500);

    // Leaving the page reports its dwell time.
    await page.goto('about:blank');
    await page.close();
  });

  it('has stored the pages’ events and posts in D1, under pseudonyms only', async () => {
    const counts = await until(
      'events in D1',
      () =>
        Object.fromEntries(
          readLocalD1<{ type: string; thread: string; n: number }>(
            `SELECT type, thread_ext_id AS thread, count(*) AS n FROM events GROUP BY type, thread_ext_id`,
            d1,
          ).map((r) => [`${r.type}:${r.thread}`, r.n]),
        ),
      (c) => (c['page_view:4242'] ?? 0) >= 1 && (c['page_view:12483'] ?? 0) >= 1 && (c['post_seen:4242'] ?? 0) >= 6 && Object.keys(c).some((k) => k.startsWith('dwell:')),
      45_000,
    );
    expect(counts['post_seen:12483']).toBeGreaterThanOrEqual(1);

    // Through wrangler's own D1 client too, as an operator would read it.
    const posts = queryLocalD1<{ thread: string; n: number }>(
      'SELECT thread_ext_id AS thread, count(*) AS n FROM posts GROUP BY thread_ext_id ORDER BY thread',
      d1,
    );
    // (plus the topic opened from the recommendations)
    expect(posts).toEqual(expect.arrayContaining([
      { thread: '12483', n: 2 },
      { thread: '4242', n: 12 },
    ]));

    // The viewer is the page's signed-in user (mei_demo on the live topic), stored as a pseudonym.
    const viewers = readLocalD1<{ member_id: string | null }>(
      "SELECT DISTINCT member_id FROM events WHERE thread_ext_id = '4242'",
      d1,
    );
    expect(viewers).toHaveLength(1);
    expect(viewers[0]!.member_id).toMatch(/^[0-9a-f]{32}$/);
    const dump = JSON.stringify([
      ...readLocalD1('SELECT * FROM events', d1),
      ...readLocalD1('SELECT * FROM members', d1),
      ...readLocalD1('SELECT * FROM posts', d1),
      ...readLocalD1('SELECT * FROM accounts', d1),
    ]);
    for (const name of ['mei_demo', 'alex_k', 'techAPJ', 'codinghorror']) expect(dump).not.toContain(name);
  });

  it('says so in the page when the owner revokes this browser, instead of failing silently', async () => {
    // A second owner (invited by the operator) revokes the extension's account.
    const admin = { authorization: `Bearer ${secrets.ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const invite = await (
      await fetch(`${worker.url}/v1/admin/communities/${communityId}/invites`, { method: 'POST', headers: admin, body: JSON.stringify({ role: 'owner' }) })
    ).json();
    const joined = await (
      await fetch(`${worker.url}/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: invite.code }) })
    ).json();
    const owner2 = { authorization: `Bearer ${joined.token}` };
    const { accounts } = await (await fetch(`${worker.url}/v1/accounts`, { headers: owner2 })).json();
    const browserAccount = accounts.find((a: { label: string | null }) => a.label === 'e2e-browser');
    expect(browserAccount).toBeDefined();
    const del = await fetch(`${worker.url}/v1/accounts/${browserAccount.id}`, { method: 'DELETE', headers: owner2 });
    expect(del.status).toBe(200);

    const page = await context.newPage();
    await page.goto(`${forum.url}${demoPaths.liveTopic}`);
    await expect
      .poll(async () => (await shadowHosts(page, 'pulse-notice'))[0]?.elements.find((e) => e.attrs.role === 'alert')?.text ?? '', {
        timeout: 20_000,
      })
      .toContain('revoked');
    await page.screenshot({ path: path.join(shots, 'discourse-revoked.png') });
    await page.close();

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(() => popup.getByRole('alert').first().innerText()).toContain('was revoked');
    await popup.close();
  });
});
