import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const conlang = path.resolve(root, '../shared/data/recsys/stackexchange_conlang');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/eval-churn.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run eval:churn', { timeout: 120_000 }, () => {
  it('ends with one JSON object of the model’s and the baseline’s scores', () => {
    const r = cli('stackexchange', conlang);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const last = JSON.parse(lines.at(-1)!);
    expect(Object.keys(last)).toEqual(['model', 'baseline']);
    for (const side of [last.model, last.baseline]) {
      expect(Object.keys(side)).toEqual(['auc', 'precisionTop10']);
      expect(side.auc).toBeGreaterThan(0.5);
      expect(side.auc).toBeLessThanOrEqual(1);
    }
    expect(r.out).toMatch(/^recency baseline: AUC /m);
    expect(r.err).toMatch(/reading Votes\.xml: 100%/);
  });

  it('explains bad arguments and missing dumps', () => {
    expect(cli('reddit', conlang)).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: /) });
    expect(cli('stackexchange', path.join(root, 'no-such-dump'))).toMatchObject({ code: 1, err: expect.stringMatching(/Posts\.xml: missing/) });
  });
});
