import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm run eval:sentiment -- <file> ...` on small files written here. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'eval-sentiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval-sentiment.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1]! };
}

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

const english = [
  ['a wonderful , moving and beautiful film', 1],
  ['the best performance of the year , truly great', 1],
  ['i loved every minute of it', 1],
  ['a dull , tedious and boring mess', 0],
  ['the worst movie i have seen , awful acting', 0],
  ['painfully bad and stupid', 0],
] as const;

describe('eval:sentiment', () => {
  it('scores a tsv file and ends with one JSON line, baselines included', () => {
    const f = file('en.tsv', 'sentence\tlabel\n' + english.map(([t, l]) => `${t}\t${l}`).join('\n') + '\n');
    const r = run(f);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.last);
    expect(Object.keys(j)).toEqual(['model', 'vader', 'afinn', 'n']);
    expect(j.n).toBe(6);
    for (const k of ['model', 'vader', 'afinn']) {
      expect(j[k].accuracy).toBeGreaterThanOrEqual(0);
      expect(j[k].accuracy).toBeLessThanOrEqual(1);
      expect(j[k].macroF1).toBeLessThanOrEqual(1);
    }
    expect(j.model.accuracy).toBeGreaterThanOrEqual(5 / 6);
    expect(r.stdout).toMatch(/vader/);
  }, 60_000);

  it('reads Chinese csv files without the English baselines', () => {
    const f = file('zh.csv', 'label,review\n1,"酒店很好，服务热情，下次还来"\n0,"房间很脏，服务很差，失望"\n1,味道很好，送餐也快\n0,太难吃了，差评\n');
    const j = JSON.parse(run(f, '--format', 'csv').last);
    expect(j.n).toBe(4);
    expect(j.vader).toBeNull();
    expect(j.afinn).toBeNull();
    expect(j.model.accuracy).toBeGreaterThanOrEqual(0.75);
  }, 60_000);

  it('reads tweeteval files with three classes and toxicity labels', () => {
    const t = file('s_text.txt', 'I love this so much, best day ever!\nThe meeting is at 5pm on Tuesday.\nThis is awful, I hate it.\n');
    file('s_labels.txt', '2\n1\n0\n');
    const j = JSON.parse(run(t, '--format', 'tweeteval').last);
    expect(j.n).toBe(3);
    const o = file('o_text.txt', 'you are a fucking idiot\nthanks for the help, have a nice day\n');
    file('o_labels.txt', '1\n0\n');
    const k = JSON.parse(run(o, '--task', 'toxicity').last);
    expect(k.n).toBe(2);
    expect(k.model.accuracy).toBe(1);
  }, 60_000);

  it('explains a missing file, an unknown format and bad labels', () => {
    const missing = run(path.join(dir, 'nope.tsv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const odd = run(file('x.json', '{}'));
    expect(odd.status).toBe(2);
    expect(odd.stderr).toMatch(/cannot tell the format/);
    const wrong = run(file('w.tsv', 'label,review\n1,good\n'), '--format', 'tsv');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/"sentence" and "label"/);
    const labels = run(file('l.tsv', 'sentence\tlabel\ngood\tyes\n'));
    expect(labels.status).toBe(2);
    expect(labels.stderr).toMatch(/not an integer/);
    const tox = run(file('t.tsv', 'sentence\tlabel\ngood\t2\n'), '--task', 'toxicity');
    expect(tox.status).toBe(2);
    expect(tox.stderr).toMatch(/toxicity labels must be 0 or 1/);
    expect(run(file('b.tsv', 'sentence\tlabel\n'), '--format', 'bogus').stderr).toMatch(/--format must be one of/);
  }, 120_000);
});
