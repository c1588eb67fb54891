import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Role } from '../../../shared/schemas/auth';
import { type DashboardRange, type PulseApi, pulseApi } from '../../lib/dashboard-api';
import { formatDateTime, formatNumber, t, useLocale } from '../../lib/i18n';
import { ask, type Reply } from '../../lib/messages';
import { AlertsPanel } from '../dashboard/components/AlertsPanel';
import { isEmptyCommunity } from '../dashboard/components/model';
import { PulseView } from '../dashboard/components/PulseView';
import { errorText, Freshness, RangePicker } from '../dashboard/components/Status';
import { rangeItem, useAlerts, useDashboard, useWho } from '../dashboard/components/usePulse';

type StatusReply = Reply<{ type: 'outbox-status' }>;

/** What the popup talks to; the tests pass fakes. */
export interface PopupDeps {
  status: () => Promise<StatusReply>;
  flush: () => Promise<StatusReply>;
  api: (workerUrl: string, token: string) => PulseApi;
  openOptions: () => void;
  openDashboard: () => void;
}

export const defaultPopupDeps: PopupDeps = {
  status: () => ask({ type: 'outbox-status' }),
  flush: () => ask({ type: 'flush-now' }),
  api: (url, token) => pulseApi(url, token),
  openOptions: () => void browser.runtime.openOptionsPage(),
  openDashboard: () => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') }),
};

/** How often the open popup re-reads the outbox. */
export const STATUS_REFRESH_MS = 2_000;

const ROLE_KEYS = { owner: 'roles.owner', moderator: 'roles.moderator', member: 'roles.member' } as const;
export const roleLabel = (role: Role) => t(ROLE_KEYS[role]);

/**
 * The toolbar popup: for owners the community's pulse and open alerts, for moderators
 * the alerts, for everyone where their events stand (delivery), compactly.
 */
export function PopupApp({ deps = defaultPopupDeps, refreshMs = STATUS_REFRESH_MS }: { deps?: PopupDeps; refreshMs?: number }) {
  useLocale();
  const [reply, setReply] = useState<StatusReply | null>(null);
  const [busy, setBusy] = useState(false);

  // The outbox moves while the popup is open (retries, drops): re-read it every few seconds.
  useEffect(() => {
    let live = true;
    const read = () => void deps.status().then((r) => live && setReply(r));
    read();
    const timer = setInterval(read, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [deps, refreshMs]);

  const sendNow = async () => {
    setBusy(true);
    setReply(await deps.flush());
    setBusy(false);
  };

  if (!reply) {
    return (
      <main>
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (!reply.ok) {
    return (
      <main>
        <h1>{t('app.name')}</h1>
        <p role="alert">{t('popup.backgroundError', { error: reply.error })}</p>
      </main>
    );
  }
  const { outbox, workerUrl, session } = reply;
  const role = session && !session.revokedAt ? session.role : null;

  return (
    <main>
      <header class="popup-head">
        <h1>{t('app.name')}</h1>
        {session && (
          <p class="who small">
            <span data-testid="community">{session.community.name}</span> · <span class="sr-only">{t('popup.youAre')} </span>
            <span data-testid="role">{roleLabel(session.role)}</span>
          </p>
        )}
      </header>
      {!session && (
        <p class="warn" role="status">
          {t('popup.notJoined')}
        </p>
      )}
      {session?.revokedAt && (
        <p class="warn" role="alert">
          {t('popup.revoked', { community: session.community.name })}
        </p>
      )}

      {session && role && role !== 'member' && (
        <Pulse deps={deps} workerUrl={workerUrl} token={session.token} accountId={session.accountId} communityId={session.community.id} role={role} sites={session.community.sites.length} />
      )}

      <section class="delivery" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">{t('popup.delivery')}</h2>
        <dl>
          <dt>{t('popup.waiting')}</dt>
          <dd data-testid="outbox-pending">{t('popup.events', outbox.pending, [formatNumber(outbox.pending)])}</dd>
          <dt>{t('popup.sent')}</dt>
          <dd>
            {t('popup.sentDetail', {
              events: t('popup.events', outbox.sent, [formatNumber(outbox.sent)]),
              when: outbox.lastSentAt ? formatDateTime(outbox.lastSentAt) : t('popup.never'),
            })}
          </dd>
          {outbox.dropped > 0 && (
            <>
              <dt>{t('popup.dropped')}</dt>
              <dd class="warn" data-testid="outbox-dropped">{t('popup.droppedDetail', { events: t('popup.events', outbox.dropped, [formatNumber(outbox.dropped)]) })}</dd>
            </>
          )}
          {outbox.rejected > 0 && (
            <>
              <dt>{t('popup.rejected')}</dt>
              <dd class="warn">{t('popup.events', outbox.rejected, [formatNumber(outbox.rejected)])}</dd>
            </>
          )}
          <dt>{t('popup.worker')}</dt>
          <dd class="url">{workerUrl}</dd>
        </dl>
        {outbox.lastError && (
          <p class="warn" role="alert">
            {outbox.lastError}
          </p>
        )}
      </section>

      <div class="buttons">
        <button type="button" onClick={sendNow} disabled={busy || outbox.pending === 0}>
          {t('popup.sendNow')}
        </button>
        {role && role !== 'member' && (
          <button type="button" onClick={deps.openDashboard}>
            {t('popup.openDashboard')}
          </button>
        )}
        <button type="button" onClick={deps.openOptions}>
          {t('common.settings')}
        </button>
      </div>
    </main>
  );
}

/** Owners: range, pulse and alerts; moderators: alerts. */
function Pulse(props: { deps: PopupDeps; workerUrl: string; token: string; accountId: string; communityId: number; role: 'owner' | 'moderator'; sites: number }) {
  const { deps, workerUrl, token, accountId, communityId, role, sites } = props;
  const api = useMemo(() => deps.api(workerUrl, token), [deps, workerUrl, token]);
  const [range, setRange] = useState<DashboardRange | null>(null);
  useEffect(() => {
    void rangeItem.getValue().then(setRange);
  }, []);
  const owner = role === 'owner';
  const dashboard = useDashboard(api, communityId, range ?? 30, owner && range !== null);
  const alerts = useAlerts(api, communityId, true);
  const who = useWho(api, accountId, owner);
  const forbidden = dashboard.error?.status === 403;

  const choose = (r: DashboardRange) => {
    setRange(r);
    void rangeItem.setValue(r);
  };

  return (
    <>
      <section class="alerts-part" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">
          {t('alerts.title')}{' '}
          {alerts.data && <span class="count">{t('alerts.openCount', alerts.open, [formatNumber(alerts.open)])}</span>}
        </h2>
        <AlertsPanel state={alerts} who={who} showSite={sites > 1} max={3} workerUrl={workerUrl} compact />
      </section>

      {owner && (
        <section class="pulse-part" aria-labelledby="pulse-heading" aria-busy={dashboard.loading}>
          <div class="pulse-head">
            <h2 id="pulse-heading">{t('popup.pulse')}</h2>
            {range !== null && <RangePicker value={range} onChange={choose} name="popup-range" />}
          </div>
          {forbidden ? (
            <p class="muted small">{t('popup.noDashboardAccess')}</p>
          ) : dashboard.data ? (
            <>
              {dashboard.error && (
                <p class="warn" role="alert">
                  {t('status.refreshFailed', { error: errorText(dashboard.error, workerUrl) })}
                </p>
              )}
              <Freshness
                fetchedAt={dashboard.fetchedAt}
                fromCache={dashboard.fromCache}
                loading={dashboard.loading}
                rolledUpAt={dashboard.data.rolledUpAt}
                onRefresh={() => void dashboard.reload()}
              />
              {isEmptyCommunity(dashboard.data) ? <EmptyState rolledUp={dashboard.data.rolledUpAt !== null} /> : <PulseView data={dashboard.data} variant="popup" />}
            </>
          ) : dashboard.error ? (
            <div class="error-state" data-testid="pulse-error">
              <p class="warn" role="alert">
                {errorText(dashboard.error, workerUrl)}
              </p>
              <button type="button" class="secondary small" onClick={() => void dashboard.reload()}>
                {t('common.retry')}
              </button>
            </div>
          ) : (
            <p role="status" class="loading" data-testid="pulse-loading">
              {t('popup.loadingPulse')}
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** A new community: nothing to show yet, and why. */
export function EmptyState({ rolledUp }: { rolledUp: boolean }) {
  return (
    <div class="empty-state" data-testid="pulse-empty">
      <p>
        <strong>{t('empty.title')}</strong>
      </p>
      <p class="small">{rolledUp ? t('empty.noActivity') : t('empty.notRolledUp')}</p>
    </div>
  );
}
