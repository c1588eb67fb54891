import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../metrics/periods';
import { snapshotsAt } from './dataset';
import { auc } from './evaluation';
import { CHURN_FEATURES } from './features';
import { type ChurnEvent, indexHistories } from './history';
import { type ChurnModel, predictChurn, predictMembers, trainChurnModel } from './model';
import { reasonText } from './reasons';
import { seededRandom } from '../seeded-random';

const START = Date.parse('2023-01-02T00:00:00Z');
const END = START + 280 * DAY_MS;

/**
 * A community where the tone of the replies a member receives decides whether they stay.
 * Each member joins in the first 100 days and posts every 1-4 days, but after one post in
 * six takes a break of 10-50 days (so a quiet month does not mean gone: recency alone is
 * not enough); every post gets a reply within two days. "Unhappy" members (half) get hostile
 * replies (sentiment about -0.6) and leave for good with probability 15% after each post;
 * the others get warm ones (+0.5) and leave with probability 0.5%. With `signal` false
 * both get the same neutral tone: the control.
 */
function community(seed: number, signal = true, members = 300): { events: ChurnEvent[]; unhappy: Set<string> } {
  const r = seededRandom(seed);
  const events: ChurnEvent[] = [];
  const unhappy = new Set<string>();
  for (let i = 0; i < members; i++) {
    const id = `m${seed}-${i}`;
    const sad = r() < 0.5;
    if (sad) unhappy.add(id);
    let t = START + r() * 100 * DAY_MS;
    while (t < END) {
      events.push({ memberId: id, ts: t, kind: 'reply' });
      const tone = signal ? (sad ? -0.6 : 0.5) : 0;
      events.push({ memberId: id, ts: t + 2 * r() * DAY_MS, kind: 'reply_received', sentiment: tone + (r() - 0.5) * 0.4 });
      if (r() < (sad ? 0.15 : 0.005)) break;
      t += (r() < 1 / 6 ? 10 + 40 * r() : 1 + 3 * r()) * DAY_MS;
    }
  }
  return { events, unhappy };
}

const SENTIMENT = CHURN_FEATURES.findIndex((f) => f.key === 'replySentiment90');
/** Weight per standard deviation of the feature. */
const weights = (m: ChurnModel) => m.logistic!.weights;

describe('trainChurnModel on a synthetic history with a known signal', () => {
  const { events, unhappy } = community(1);
  const histories = [...indexHistories(events).values()];
  const model = trainChurnModel(histories, { now: END, kind: 'logistic', l2: 1 });

  it('finds the signal: hostile replies received raise the risk', () => {
    const w = weights(model);
    expect(w[SENTIMENT]).toBeLessThan(-0.5);
    const ranked = [...w.keys()].sort((a, b) => Math.abs(w[b]!) - Math.abs(w[a]!));
    expect(ranked.slice(0, 2)).toContain(SENTIMENT);
  });

  it('does not find it where there is none (control)', () => {
    const control = community(1, false);
    const m = trainChurnModel([...indexHistories(control.events).values()], { now: END, kind: 'logistic', l2: 1 });
    expect(Math.abs(weights(m)[SENTIMENT]!)).toBeLessThan(0.2);
  });

  it('predicts a fresh community better than recency alone', () => {
    const fresh = [...indexHistories(community(2).events).values()];
    // day 120: most members have joined, half of the unhappy ones are still around
    const rows = snapshotsAt(fresh, START + 120 * DAY_MS, END);
    const labels = rows.map((s) => s.label as number);
    const modelAuc = auc(
      rows.map((s) => predictChurn(model, s.raw).risk),
      labels,
    )!;
    const recencyAuc = auc(
      rows.map((s) => s.raw.daysSinceActive),
      labels,
    )!;
    expect(modelAuc).toBeGreaterThan(0.8);
    expect(modelAuc).toBeGreaterThan(recencyAuc + 0.05);
  });

  it('names the tone of replies as the reason an active unhappy member is at risk', () => {
    const at = START + 150 * DAY_MS;
    const active = snapshotsAt(histories, at, END).filter((s) => s.raw.daysSinceActive < 3);
    const sad = active.find((s) => unhappy.has(s.memberId))!;
    const happy = active.find((s) => !unhappy.has(s.memberId))!;
    const p = predictChurn(model, sad.raw);
    expect(p.reasons.find((x) => x.direction === 'raises')!.feature).toBe('replySentiment90');
    expect(p.risk).toBeGreaterThan(predictChurn(model, happy.raw).risk);
    expect(reasonText(p.reasons.find((x) => x.feature === 'replySentiment90')!)).toMatch(/^Tone of replies received: -0\.\d\d/);
    // contributions add up to the log-odds around the bias
    const sum = Object.values(p.contributions).reduce((s, c) => s + c, 0);
    expect(model.logistic!.bias + sum).toBeCloseTo(p.logit, 10);
  });

  it('boosted stumps find the same signal, and explain themselves exactly', () => {
    const stumps = trainChurnModel(histories, { now: END, kind: 'stumps' });
    const at = START + 150 * DAY_MS;
    const sad = snapshotsAt(histories, at, END).find((s) => unhappy.has(s.memberId) && s.raw.daysSinceActive < 3)!;
    const p = predictChurn(stumps, sad.raw);
    expect(p.reasons.find((x) => x.direction === 'raises')!.feature).toBe('replySentiment90');
    const sum = Object.values(p.contributions).reduce((s, c) => s + c, 0);
    const centre = stumps.stumps!.centre.reduce((s, c) => s + c, 0);
    expect(stumps.stumps!.base + centre + sum).toBeCloseTo(p.logit, 10);
  });

  it('is plain JSON: a stored model predicts the same', () => {
    const stored = JSON.parse(JSON.stringify(model)) as ChurnModel;
    const row = snapshotsAt(histories, START + 150 * DAY_MS, END)[0]!;
    expect(predictChurn(stored, row.raw)).toEqual(predictChurn(model, row.raw));
    expect(() => predictChurn({ ...stored, features: stored.features.slice(1) }, row.raw)).toThrow(/retrain/);
  });

  it('picks a candidate by validation in auto mode, deterministically', () => {
    const a = trainChurnModel(histories, { now: END });
    const b = trainChurnModel(histories, { now: END });
    expect(a.training.validation!.map((v) => v.candidate)).toEqual(['logistic l2=1', 'logistic l2=10', 'logistic l2=100', 'stumps']);
    const best = a.training.validation!.reduce((x, y) => ((y.auc ?? 0) > (x.auc ?? 0) ? y : x));
    expect(a.training.choice).toBe(best.candidate);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('scores every member active in the window, as the scheduled handler would', () => {
    const at = START + 150 * DAY_MS;
    const risks = predictMembers(model, histories, at);
    const expected = snapshotsAt(histories, at, END).map((s) => s.memberId);
    expect([...risks.keys()].sort()).toEqual([...expected].sort());
    const sad = [...risks].filter(([id]) => unhappy.has(id)).map(([, p]) => p.risk);
    const happy = [...risks].filter(([id]) => !unhappy.has(id)).map(([, p]) => p.risk);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(sad)).toBeGreaterThan(mean(happy) + 0.2);
  });

  it('refuses a history without both outcomes', () => {
    const short = [...indexHistories(community(3).events.filter((e) => e.ts < START + 20 * DAY_MS)).values()];
    expect(() => trainChurnModel(short, { now: START + 20 * DAY_MS })).toThrow(/both outcomes/);
  });
});
