import { describe, expect, it } from 'vitest';
import type { ChurnEvent } from '../../shared/churn/history';
import { DAY_MS } from '../../shared/metrics/periods';
import { defaultCutoff, evaluateTimeSplit, testCutoffs } from './time-split';

const START = Date.parse('2024-01-01T00:00:00Z');
const day = (n: number, hour = 12) => START + n * DAY_MS + hour * 3_600_000;

/** 60 members over 240 days: member i posts every (2 + i % 5) days and stops after day 40 + 3i. */
function history(): ChurnEvent[] {
  const events: ChurnEvent[] = [];
  for (let i = 0; i < 60; i++) {
    for (let d = i % 7; d < Math.min(240, 40 + 3 * i); d += 2 + (i % 5)) {
      events.push({ memberId: `m${i}`, ts: day(d), kind: i % 3 === 0 ? 'topic' : 'reply' });
      events.push({ memberId: `m${(i + 1) % 60}`, ts: day(d, 18), kind: 'like_received' });
    }
  }
  return events;
}

describe('time split', () => {
  it('puts T at the first midnight after two thirds of the own events', () => {
    const own = (d: number): ChurnEvent => ({ memberId: 'a', ts: day(d), kind: 'reply' });
    // own events on days 0..8 (9 events): the event at index floor(6) is day 6 -> T = day 7 00:00
    const events = [...Array.from({ length: 9 }, (_, d) => own(d)), { memberId: 'b', ts: day(50), kind: 'like_received' as const }];
    expect(defaultCutoff(events)).toBe(START + 7 * DAY_MS);
  });

  it('tests weekly after T while the horizon fits', () => {
    expect(testCutoffs(START, START + 50 * DAY_MS, 30)).toEqual([START, START + 7 * DAY_MS, START + 14 * DAY_MS]);
  });

  it('trains on nothing at or after T: changing the future does not change the model', () => {
    const events = history();
    const end = day(240);
    const cutoff = START + 150 * DAY_MS;
    const a = evaluateTimeSplit(events, end, { cutoff });
    const changed = events.map((e) => (e.ts >= cutoff ? { ...e, memberId: `x${e.memberId}` } : e));
    const b = evaluateTimeSplit(changed, end, { cutoff });
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    expect(a.model.trainedAt).toBe(cutoff);
    expect(a.testCutoffs[0]).toBe(cutoff);
    expect(a.test.every((s) => s.at >= cutoff && s.label !== null)).toBe(true);
    expect(a.modelScores.auc).not.toBeNull();
    expect(a.baselineScores.auc).not.toBeNull();
  });
});
