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
