/**
 * content_script_500_posts_ms: the content script's main-thread time to read and annotate
 * a 500-post thread in Chromium (built extension, joined to the community, badges shown),
 * read in the page through the Performance API: the `pulse:work` mark the script keeps
 * (content/work-clock.ts: every synchronous piece of its work, from evaluating the script
 * to mounting the badges), median over several loads. Target: under 50 ms.
 * content_script_page_task_ms: what it cannot see, the whole page's cost: Chromium's own
 * accounting (the DevTools protocol's Performance metrics: TaskDuration, ScriptDuration)
 * for the page with the extension minus the same page in a browser without it (compiling
 * the script, the style and layout our insertions cause). content_script_heap_mb: the JS
 * heap the extension adds to the page.
 */
import { createServer, type Server } from 'node:http';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, launchWithExtension } from '../../extension/e2e/browser';
import { hugePage } from '../../extension/e2e/hostile-pages';
import { createCommunity, joinFromOptions } from '../../extension/e2e/join';
import { shadowHosts } from '../../extension/e2e/shadow';
import { WORK_MARK } from '../../extension/content/work-clock';
import { extensionDir } from '../local-stack';
import { emit, percentile, progress } from './report';
import type { BenchStack } from './stack';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const POSTS = 500;
const LOADS = 11;
const SETTLE_MS = 4_000;

interface Metrics {
  taskMs: number;
  scriptMs: number;
  heapMb: number;
  /** The content script's own work (its `pulse:work` mark); 0 without the extension. */
  workMs: number;
}

async function readMetrics(cdp: CDPSession): Promise<Omit<Metrics, 'workMs'>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? Number.NaN;
  return { taskMs: m('TaskDuration') * 1000, scriptMs: m('ScriptDuration') * 1000, heapMb: m('JSHeapUsedSize') / 2 ** 20 };
}

/**
 * Chromium's counters belong to the renderer process, which the page shares with its
 * same-origin predecessor: start on a blank page of the same origin, read, load the
 * thread, let it settle, read again; the load's cost is the difference.
 */
async function loadAndMeasure(context: BrowserContext, site: string, url: string): Promise<{ metrics: Metrics; page: Page }> {
  const page = await context.newPage();
  await page.goto(`${site}/blank`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.waitForTimeout(1_000);
  const before = await readMetrics(cdp);
  await page.goto(url, { waitUntil: 'load' });
  // Nothing polls the page while it settles: the measurement is the page and the extension alone.
  await page.waitForTimeout(SETTLE_MS);
  const after = await readMetrics(cdp);
  await cdp.detach();
  const work = await page.evaluate(
    (name) => (performance.getEntriesByName(name, 'mark').at(-1) as PerformanceMark | undefined)?.detail as { ms: number } | undefined,
    WORK_MARK,
  );
  return {
    metrics: { taskMs: after.taskMs - before.taskMs, scriptMs: after.scriptMs - before.scriptMs, heapMb: after.heapMb, workMs: work?.ms ?? 0 },
    page,
  };
}

async function median(context: BrowserContext, site: string, url: string, check?: (page: Page) => Promise<void>): Promise<Metrics> {
  const runs: Metrics[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { metrics, page } = await loadAndMeasure(context, site, url);
    if (check) await check(page);
    await page.close();
    runs.push(metrics);
  }
  const med = (k: keyof Metrics) => percentile(runs.map((r) => r[k]), 50);
  return { taskMs: med('taskMs'), scriptMs: med('scriptMs'), heapMb: med('heapMb'), workMs: med('workMs') };
}

export async function benchContentScript(stack: BenchStack): Promise<void> {
  let server: Server | undefined;
  let withExt: BrowserContext | undefined;
  let plain: BrowserContext | undefined;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pulse-plain-'));
  try {
    const html = hugePage(POSTS);
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/blank' ? '<!DOCTYPE html><title>blank</title>' : html);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const site = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const url = `${site}/t/bench/77`;

    progress(`content script: ${POSTS}-post page, ${LOADS} loads with and without the extension`);
    const launched = await launchWithExtension(extensionDir);
    withExt = launched.context;
    const code = await createCommunity(stack.worker.url, stack.secrets.ADMIN_TOKEN, site, 'Bench page');
    const role = await joinFromOptions(withExt, launched.extensionId, stack.worker.url, code);
    if (role !== 'owner') throw new Error(`joining failed: ${role}`);
    // One load to warm the Worker's caches and Chromium's, not counted.
    await (await loadAndMeasure(withExt, site, url)).page.close();
    const ours = await median(withExt, site, url, async (page) => {
      const scored = (await shadowHosts(page, 'pulse-badge')).filter((h) => /\d+ · /.test(h.text)).length;
      if (scored === 0) throw new Error('content script bench: no badge was shown, so nothing was measured');
      const work = await page.evaluate((name) => performance.getEntriesByName(name, 'mark').length, WORK_MARK);
      if (work !== 1) throw new Error(`content script bench: the page holds ${work} ${WORK_MARK} marks, not 1`);
    });

    plain = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    await (await loadAndMeasure(plain, site, url)).page.close();
    const base = await median(plain, site, url);

    emit({ name: 'content_script_500_posts_ms', value: ours.workMs, unit: 'ms', target: '< 50', source: `performance mark ${WORK_MARK}`, loads: LOADS });
    emit({
      name: 'content_script_page_task_ms',
      value: Math.max(0, ours.taskMs - base.taskMs),
      unit: 'ms',
      scriptMs: Math.max(0, ours.scriptMs - base.scriptMs),
      pageWithExtensionMs: ours.taskMs,
      pageAloneMs: base.taskMs,
      loads: LOADS,
    });
    emit({ name: 'content_script_heap_mb', value: Math.max(0, ours.heapMb - base.heapMb), unit: 'MB', reference: base.heapMb, referenceName: 'page_heap_without_extension_mb' });
  } finally {
    await withExt?.close();
    await plain?.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  }
}
