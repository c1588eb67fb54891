import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { alertsCacheItem } from '../lib/alerts-cache';
import { type BackgroundDeps, flush, handleMessage, refreshOpenAlerts, refreshSession } from '../lib/background-handlers';
import { syncContentScript } from '../lib/content-script-registration';
import type { Message } from '../lib/messages';
import { initI18n } from '../lib/i18n';
import { Outbox } from '../lib/outbox';
import { type OffscreenReply, onDeviceItem } from '../lib/ondevice';
import { markRevoked, sessionItem } from '../lib/session';
import { workerUrlItem } from '../lib/settings';
import { toolbarBadge } from '../lib/toolbar-badge';

const FLUSH_ALARM = 'pulse-flush';
const REFRESH_ALARM = 'pulse-refresh-session';
/** Every minute: the community's open alerts, for the toolbar badge. */
const ALERTS_ALARM = 'pulse-alerts';
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
    onDevice: () => onDeviceItem.getValue(),
    scoreOnDevice,
    scheduleFlush: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void flush(deps).then(updateBadge), FLUSH_DELAY_MS);
    },
  };

  // Open alerts for moderators and owners: re-read by an alarm, and whenever the popup or
  // the dashboard page fetched or acted on them (they write the same cache).
  async function updateBadge() {
    const [s, session, cache] = await Promise.all([outbox.summary(), sessionItem.getValue(), alertsCacheItem.getValue()]);
    const openAlerts = cache && session && cache.communityId === session.community.id ? cache.data.open : null;
    const badge = toolbarBadge({ session, pending: s.pending, lastError: s.lastError, openAlerts });
    await browser.action.setBadgeText({ text: badge.text });
    await browser.action.setBadgeBackgroundColor({ color: badge.color });
    await browser.action.setTitle({ title: badge.title });
  }
  const refreshAlerts = () => void refreshOpenAlerts(deps).then(updateBadge, () => undefined);
  alertsCacheItem.watch(() => void updateBadge());

  browser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
    // The offscreen document answers its own messages.
    if ((message as { target?: string } | undefined)?.target === 'offscreen') return false;
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
    refreshAlerts();
  });
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  void sync();

  void browser.alarms.create(FLUSH_ALARM, { periodInMinutes: 1 });
  void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 30 });
  void browser.alarms.create(ALERTS_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FLUSH_ALARM) void flush(deps).then(updateBadge);
    if (alarm.name === REFRESH_ALARM) void refreshSession(deps);
    if (alarm.name === ALERTS_ALARM) refreshAlerts();
  });
  // The owner may have changed sites, selectors or settings since the last start.
  void refreshSession(deps);
  // Whatever a stopped service worker left behind goes out as soon as it starts again.
  void flush(deps).then(updateBadge);
  void initI18n().then(refreshAlerts);
});

const OFFSCREEN_URL = 'offscreen.html';
let creating: Promise<void> | null = null;

/** Opens the offscreen document of on-device mode unless it is open (one per extension). */
async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(`/${OFFSCREEN_URL}` as '/');
  const open = await browser.runtime.getContexts({ contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (open.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: [browser.offscreen.Reason.WORKERS],
      justification: 'Scores post text with the sentiment model (WebAssembly) so the text never leaves the browser',
    })
    .finally(() => (creating = null));
  await creating;
}

/** Post texts -> scores, in the offscreen document (on-device mode). */
async function scoreOnDevice(texts: string[], hubModel: string | null): Promise<OffscreenReply> {
  await ensureOffscreen();
  return (await browser.runtime.sendMessage({ target: 'offscreen', type: 'score', texts, hubModel })) as OffscreenReply;
}
