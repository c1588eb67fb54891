import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { engagementScore } from '../../shared/engagement';
import { page, post, thread } from '../adapters/records';
import { AnnotationStore } from '../content/annotations';
import { EngagementBadge } from './EngagementBadge';

const hostile = '<img src=x onerror="window.__pwned=1">';

describe('EngagementBadge', () => {
  it('shows loading, then score and level, with the reasons on focus — all as text', async () => {
    const activity = { posts: 12, topics: 2, replies: 10, repliesReceived: 5, likesReceived: 30, daysActive: 9, lastActiveAt: null };
    let answer!: (v: unknown) => void;
    const store = new AnnotationStore('https://f.example', () => new Promise((r) => (answer = r as never)));
    const box = document.createElement('div');
    document.body.append(box);
    await act(() => render(<EngagementBadge store={store} author={hostile} />, box));
    expect(box.textContent).toBe('…');

    const pending = store.annotate(page('discourse', { kind: 'thread', thread: thread('1'), posts: [post('1', { number: 1, author: hostile })] }));
    await act(async () => {
      answer({ ok: true, data: { authors: [{ author: hostile, memberId: 'a'.repeat(32), activity, engagement: engagementScore(activity) }] } });
      await pending;
    });
    const badge = box.querySelector<HTMLElement>('.badge')!;
    const { score, level } = engagementScore(activity);
    expect(badge.textContent).toBe(`◐ ${score} · ${level}`);
    expect(badge.getAttribute('aria-label')).toBe(`Engagement of ${hostile}: ${score} of 100, ${level}`);
    expect(box.querySelector('img')).toBeNull();

    await act(() => {
      badge.dispatchEvent(new FocusEvent('focus'));
    });
    const card = box.querySelector('[role="tooltip"]')!;
    expect(card.textContent).toContain('Likes received');
    expect(card.textContent).toContain('30');
    await act(() => {
      badge.dispatchEvent(new FocusEvent('blur'));
    });
    expect(box.querySelector('[role="tooltip"]')).toBeNull();
  });
});

describe('EngagementBadge with a community-relative score', () => {
  it('shows the trend, the at-risk level as a symbol, and the churn reasons moderators get', async () => {
    const store = new AnnotationStore('https://f.example', async () => ({
      ok: true as const,
      data: {
        authors: [
          {
            author: 'ana',
            memberId: 'b'.repeat(32),
            activity: { posts: 3, topics: 1, replies: 2, repliesReceived: 1, likesReceived: 4, daysActive: 5, lastActiveAt: null },
            engagement: {
              score: 41,
              level: 'at_risk' as const,
              basis: 'community' as const,
              trend: { direction: 'down' as const, delta: -22 },
              components: [{ key: 'replies' as const, value: 2, normalised: 0.4, weight: 0.2, points: 8 }],
              churn: { risk: 0.81, reasons: [{ feature: 'daysSinceActive', direction: 'raises' as const, value: 26, typical: 4 }] },
            },
          },
        ],
      },
    }));
    const box = document.createElement('div');
    document.body.append(box);
    await act(() => render(<EngagementBadge store={store} author="ana" />, box));
    await act(() => store.annotate(page('discourse', { kind: 'thread', thread: thread('1'), posts: [post('1', { number: 1, author: 'ana' })] })));
    const badge = box.querySelector<HTMLElement>('.badge')!;
    expect(badge.textContent).toBe('△ 41 · at risk ↓');
    expect(badge.className).toContain('badge--at_risk');
    await act(() => {
      badge.dispatchEvent(new FocusEvent('focus'));
    });
    const card = box.querySelector('[role="tooltip"]')!.textContent!;
    expect(card).toContain('Replies written');
    expect(card).toContain('falling (-22)');
    expect(card).toContain('Churn risk 81% (next 30 days)');
    expect(card).toContain('No activity for 26 days (typical 4): raises it');
  });
});
