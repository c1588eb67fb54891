import { describe, expect, it } from 'vitest';
import { engagementLevel, engagementScore, normaliseCount } from './engagement';

const zero = { posts: 0, likesReceived: 0, repliesReceived: 0, daysActive: 0 };

describe('engagementScore', () => {
  it('is 0 for a member the Worker knows nothing about', () => {
    const e = engagementScore(zero);
    expect(e.score).toBe(0);
    expect(e.level).toBe('newcomer');
    expect(e.components.every((c) => c.points === 0)).toBe(true);
  });

  it('matches the hand-computed value for one post on one day', () => {
    // posts: ln2/ln51 = 0.17629 * 30 = 5.289; days: ln2/ln31 = 0.20185 * 25 = 5.046 -> 10.335
    const e = engagementScore({ ...zero, posts: 1, daysActive: 1 });
    expect(e.score).toBe(10);
    const posts = e.components.find((c) => c.key === 'posts')!;
    expect(posts.points).toBeCloseTo(5.289, 3);
  });

  it('reaches 100 when every component is at its cap, and never exceeds it', () => {
    expect(engagementScore({ posts: 50, likesReceived: 100, repliesReceived: 50, daysActive: 30 }).score).toBe(100);
    expect(engagementScore({ posts: 5000, likesReceived: 1e6, repliesReceived: 900, daysActive: 999 }).score).toBe(100);
  });

  it('grows with each component and explains itself', () => {
    const a = engagementScore({ posts: 3, likesReceived: 2, repliesReceived: 1, daysActive: 2 });
    const b = engagementScore({ posts: 3, likesReceived: 20, repliesReceived: 1, daysActive: 2 });
    expect(b.score).toBeGreaterThan(a.score);
    const sum = b.components.reduce((s, c) => s + c.points, 0);
    expect(Math.round(sum)).toBe(b.score);
  });

  it('treats negative or non-finite counts as zero', () => {
    expect(normaliseCount(-5, 10)).toBe(0);
    expect(normaliseCount(Number.NaN, 10)).toBe(0);
  });

  it('assigns levels at the documented thresholds', () => {
    expect(engagementLevel(24)).toBe('newcomer');
    expect(engagementLevel(25)).toBe('regular');
    expect(engagementLevel(69)).toBe('regular');
    expect(engagementLevel(70)).toBe('core');
  });
});
