import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { type BackgroundDeps, flush, handleMessage, refreshSession } from '../lib/background-handlers';
import { syncContentScript } from '../lib/content-script-registration';
import type { Message } from '../lib/messages';
import { Outbox } from '../lib/outbox';
import { markRevoked, sessionItem } from '../lib/session';
import { workerUrlItem } from '../lib/settings';

const FLUSH_ALARM = 'pulse-flush';
const REFRESH_ALARM = 'pulse-refresh-session';
const FLUSH_DELAY_MS = 1_500;

export default defineBackground(() => {
  const outbox = new Outbox();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const deps: BackgroundDeps = {
    outbox,
    workerUrl: () => workerUrlItem.getValue(),
    session: () => sessionItem.getValue(),
    saveSession: (s) => sessionItem.setValue(s),
    onRevoked: markRevoked,
    // Soon after new events; if the service worker is stopped first, the alarm picks them up.
    scheduleFlush: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void flush(deps).then(updateBadge), FLUSH_DELAY_MS);
    },
  };

  async function updateBadge() {
    const [s, session] = await Promise.all([outbox.status(), sessionItem.getValue()]);
    const waiting = s.pending.length > 999 ? '999+' : String(s.pending.length);
    const text = session?.revokedAt ? '!' : s.lastError && s.pending.length > 0 ? waiting : '';
    await browser.action.setBadgeText({ text });
    await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  }

  browser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
    handleMessage(message, deps).then(sendResponse, (e: Error) => sendResponse({ ok: false, error: e.message }));
    return true; // answer asynchronously
  });

  // Run on the community's sites only: re-register whenever the session or permissions change.
  const sync = () =>
    sessionItem
      .getValue()
      .then(syncContentScript)
      .catch((e: Error) => console.error('Community Pulse: could not register the content script', e));
  sessionItem.watch(() => {
    void sync();
    void updateBadge();
  });
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  void sync();

  void browser.alarms.create(FLUSH_ALARM, { periodInMinutes: 1 });
  void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 30 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FLUSH_ALARM) void flush(deps).then(updateBadge);
    if (alarm.name === REFRESH_ALARM) void refreshSession(deps);
  });
  // The owner may have changed sites, selectors or settings since the last start.
  void refreshSession(deps);
  // Whatever a stopped service worker left behind goes out as soon as it starts again.
  void flush(deps).then(updateBadge);
});
