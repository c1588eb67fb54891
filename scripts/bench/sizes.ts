/**
 * Bundle sizes, gzipped: the Worker as `wrangler deploy --dry-run` bundles it (Cloudflare's
 * free plan refuses Workers over 3 MiB gzipped), and the built extension's content script
 * and popup (its HTML and every script and style sheet it loads, shared chunks included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionDir, root } from '../local-stack';
import { emit, progress } from './report';

const FREE_PLAN_LIMIT = 3 * 1024 * 1024;
const limit = { reference: FREE_PLAN_LIMIT, referenceName: 'cloudflare_free_plan_worker_gz_limit_bytes' };

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** An extension page and everything it loads (scripts, module preloads, style sheets). */
export function pageAssets(htmlFile: string): string[] {
  const html = readFileSync(htmlFile, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => path.join(extensionDir, m[1]!));
  return [htmlFile, ...new Set(refs)];
}

export function benchSizes(): void {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pulse-bundle-'));
  try {
    progress('sizes: wrangler deploy --dry-run');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
    const modules = filesUnder(out).filter((f) => !f.endsWith('.map') && !f.endsWith('README.md'));
    const raw = modules.reduce((s, f) => s + statSync(f).size, 0);
    emit({ name: 'worker_bundle_gz_bytes', value: modules.reduce((s, f) => s + gz(f), 0), unit: 'bytes', rawBytes: raw, ...limit });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const content = path.join(extensionDir, 'content-scripts/content.js');
  emit({ name: 'content_script_gz_bytes', value: gz(content), unit: 'bytes', rawBytes: statSync(content).size, ...limit });
  const popup = pageAssets(path.join(extensionDir, 'popup.html'));
  emit({
    name: 'popup_gz_bytes',
    value: popup.reduce((s, f) => s + gz(f), 0),
    unit: 'bytes',
    rawBytes: popup.reduce((s, f) => s + statSync(f).size, 0),
    files: popup.length,
    ...limit,
  });
}
