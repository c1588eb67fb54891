import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { session } from '../entrypoints/dashboard/components/fixtures';
import { setLanguage } from './i18n';
import { toolbarBadge } from './toolbar-badge';

beforeEach(async () => {
  fakeBrowser.reset();
  await setLanguage('en');
});
afterEach(() => setLanguage('auto'));

describe('the toolbar badge', () => {
  it('counts open alerts for moderators and owners, and says what it counts', () => {
    const b = toolbarBadge({ session: session('moderator'), pending: 0, lastError: null, openAlerts: 3 });
    expect(b).toEqual({ text: '3', color: '#b91c1c', title: 'Community Pulse\n3 open alerts' });
    expect(toolbarBadge({ session: session('owner'), pending: 0, lastError: null, openAlerts: 1 }).title).toBe('Community Pulse\n1 open alert');
    expect(toolbarBadge({ session: session('owner'), pending: 0, lastError: null, openAlerts: 12_345 }).text).toBe('999+');
  });

  it('never shows alerts to members; shows events stuck after a failed send', () => {
    expect(toolbarBadge({ session: session('member'), pending: 0, lastError: null, openAlerts: 3 }).text).toBe('');
    const stuck = toolbarBadge({ session: session('member'), pending: 7, lastError: 'HTTP 503', openAlerts: null });
    expect(stuck).toEqual({ text: '7', color: '#b45309', title: 'Community Pulse\n7 events waiting: the Worker did not take them' });
    // Waiting without an error is normal (the next flush sends them).
    expect(toolbarBadge({ session: session('member'), pending: 7, lastError: null, openAlerts: null }).text).toBe('');
  });

  it('alerts first, with the stuck events in the tooltip too', () => {
    const b = toolbarBadge({ session: session('owner'), pending: 2, lastError: 'down', openAlerts: 4 });
    expect(b.text).toBe('4');
    expect(b.title).toBe('Community Pulse\n4 open alerts\n2 events waiting: the Worker did not take them');
  });

  it('"!" once access was revoked', () => {
    const b = toolbarBadge({ session: session('owner', { revokedAt: '2026-11-20T00:00:00Z' }), pending: 2, lastError: 'x', openAlerts: 4 });
    expect(b.text).toBe('!');
    expect(b.title).toMatch(/Access revoked/);
  });

  it('in Chinese when chosen', async () => {
    await setLanguage('zh_CN');
    expect(toolbarBadge({ session: session('owner'), pending: 0, lastError: null, openAlerts: 2 }).title).toBe('Community Pulse\n2 条未处理的警报');
  });
});
