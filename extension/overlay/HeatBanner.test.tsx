import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Alert } from '../../shared/schemas/alerts';
import { setLanguage } from '../lib/i18n';
import { HeatBanner } from './HeatBanner';

process.env.TZ = 'UTC';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  kind: 'heated_thread',
  severity: 'warning',
  site: 'https://f.example',
  thread: { id: '9', title: 'SQL', url: null },
  memberId: null,
  displayName: null,
  details: { negativeShare: 0.78, baseline: 0.1, z: 3.4, posts: 9 },
  openedAt: '2026-11-20T10:00:00Z',
  status: 'open',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  ...over,
});

let box: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  await setLanguage('en');
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(async () => {
  await act(async () => render(null, box));
  box.remove();
  await setLanguage('auto');
});

describe('HeatBanner', () => {
  it('says what is heating up, in words and with the numbers, as text', async () => {
    const pile = alert({ id: 'a2', kind: 'pile_on', severity: 'critical', displayName: '<b>ana</b>', details: { replies: 11, authors: 7, threads: 1 } });
    await act(async () => render(<HeatBanner alerts={[alert({}), pile]} />, box));
    const region = box.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Community Pulse: alerts for this thread');
    expect(region.className).toBe('heat heat--critical');
    expect(box.querySelector('.heat-title')!.textContent).toBe('‼ Community Pulse: 2 open alerts on this thread');
    const items = [...box.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toBe('warning: negative or toxic replies are surging · 78% negative (usually 10%), 9 posts · since Nov 20, 10:00 AM');
    // The pile-on's target is named as text (owners see names; never HTML).
    expect(items[1]).toMatch(/^critical: many replies aimed at one member \(<b>ana<\/b>\) · 11 replies · since/);
    expect(box.querySelector('b')).toBeNull();
  });

  it('shows nothing without open alerts', async () => {
    await act(async () => render(<HeatBanner alerts={[alert({ status: 'resolved' })]} />, box));
    expect(box.innerHTML).toBe('');
  });

  it('closes with its button or Escape, and says so', async () => {
    const onDismiss = vi.fn();
    await act(async () => render(<HeatBanner alerts={[alert({ details: { toxicShare: 0.4, baseline: 0, z: 8, posts: 10 } })]} onDismiss={onDismiss} />, box));
    expect(box.querySelector('li')!.textContent).toContain('40% toxic (usually 0%), 10 posts');
    const close = box.querySelector<HTMLButtonElement>('button.close')!;
    expect(close.getAttribute('aria-label')).toBe('Dismiss the alert banner');
    await act(async () => close.click());
    expect(box.querySelector('[role="region"]')).toBeNull();
    expect(onDismiss).toHaveBeenCalledOnce();

    await act(async () => render(null, box));
    await act(async () => render(<HeatBanner alerts={[alert({})]} onDismiss={onDismiss} />, box));
    await act(async () => void box.querySelector('section')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(box.querySelector('[role="region"]')).toBeNull();
  });

  it('in Chinese when chosen', async () => {
    await setLanguage('zh_CN');
    await act(async () => render(<HeatBanner alerts={[alert({ kind: 'new_account_burst', thread: null, details: { posts: 9, accounts: 4 } })]} />, box));
    expect(box.querySelector('li')!.textContent).toMatch(/^警告：新账户集中发帖 · 9 篇帖子，4 个新账户 · 始于 11月20日/);
  });
});
