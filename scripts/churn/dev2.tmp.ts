import { DAY_MS } from '../../shared/metrics/periods';
import { snapshotsAt } from '../../shared/churn/dataset';
import { auc } from '../../shared/churn/evaluation';
import { CHURN_FEATURES } from '../../shared/churn/features';
import { type ChurnEvent, indexHistories } from '../../shared/churn/history';
import { predictChurn, trainChurnModel } from '../../shared/churn/model';
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const r = rng(seed);
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

// = CHURN_FEATURES.findIndex((f) => f.key === 'replySentiment90');

const { events, unhappy } = community(1);
const histories = [...indexHistories(events).values()];
const model = trainChurnModel(histories, { now: END, kind: 'logistic', l2: 1 });
CHURN_FEATURES.forEach((f, j) => console.log(f.key, model.logistic!.weights[j]!.toFixed(3)));
console.log(model.training);
const fresh = [...indexHistories(community(2).events).values()];
for (const d of [120, 160, 200, 240]) {
const rows = snapshotsAt(fresh, START + d * DAY_MS, END);
const labels = rows.map((s) => s.label as number);
console.log(d, rows.length, labels.filter(Boolean).length, auc(rows.map((s) => predictChurn(model, s.raw).risk), labels), auc(rows.map((s) => s.raw.daysSinceActive), labels));
}
const at = START + 150 * DAY_MS;
const active = snapshotsAt(histories, at, END).filter((s) => s.raw.daysSinceActive < 3);
const sad = active.find((s) => unhappy.has(s.memberId))!;
console.log(sad.raw, predictChurn(model, sad.raw).reasons);
