import { describe, expect, it } from 'vitest';
import { memberLevel } from './levels';
import { DAY_MS } from './periods';

const AT = Date.parse('2024-06-30T00:00:00Z');
const ago = (days: number) => AT - days * DAY_MS;
const base = { at: AT, joinedAt: ago(200), lastActiveAt: ago(1), score: 50 };

describe('memberLevel', () => {
  it('applies the documented thresholds', () => {
    expect(memberLevel(base)).toBe('regular');
    expect(memberLevel({ ...base, score: 70 })).toBe('core');
    expect(memberLevel({ ...base, score: 69 })).toBe('regular');
    expect(memberLevel({ ...base, score: 24 })).toBe('newcomer');
    expect(memberLevel({ ...base, joinedAt: ago(29), score: 90 })).toBe('newcomer');
  });

  it('puts recency before score: over 21 days idle is at risk, over 60 lapsed', () => {
    expect(memberLevel({ ...base, score: 90, lastActiveAt: ago(21) })).toBe('core');
    expect(memberLevel({ ...base, score: 90, lastActiveAt: ago(22) })).toBe('at_risk');
    expect(memberLevel({ ...base, score: 90, lastActiveAt: ago(60) })).toBe('at_risk');
    expect(memberLevel({ ...base, score: 90, lastActiveAt: ago(61) })).toBe('lapsed');
  });

  it('marks at risk on a high churn risk or a fall of 20 points from regular', () => {
    expect(memberLevel({ ...base, churnRisk: 0.7 })).toBe('at_risk');
    expect(memberLevel({ ...base, churnRisk: 0.69 })).toBe('regular');
    expect(memberLevel({ ...base, score: 30, previousScore: 50 })).toBe('at_risk');
    expect(memberLevel({ ...base, score: 31, previousScore: 50 })).toBe('regular');
    expect(memberLevel({ ...base, score: 0, previousScore: 20 })).toBe('newcomer');
  });

  it('handles members never active', () => {
    expect(memberLevel({ ...base, lastActiveAt: null, joinedAt: ago(10) })).toBe('newcomer');
    expect(memberLevel({ ...base, lastActiveAt: null, joinedAt: ago(30) })).toBe('lapsed');
    expect(memberLevel({ ...base, lastActiveAt: null, joinedAt: null })).toBe('newcomer');
  });
});
