import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type DashboardRange, type PulseApi, pulseApi } from '../../lib/dashboard-api';
import { formatNumber, t, useLocale } from '../../lib/i18n';
import { type Session, sessionItem } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { AlertsPanel } from './components/AlertsPanel';
import { Breakdown } from './components/Breakdown';
import { CsvButton } from './components/DataTable';
import { alertsTable, isEmptyCommunity, siteHost } from './components/model';
import { PulseView } from './components/PulseView';
import { errorText, Freshness, RangePicker } from './components/Status';
import { rangeItem, useAlerts, useDashboard, useWho } from './components/usePulse';

/** Where the page gets its session, Worker and API (fakes in tests). */
export interface DashboardDeps {
  session: () => Promise<Session | null>;
  workerUrl: () => Promise<string>;
  api: (workerUrl: string, token: string) => PulseApi;
  openOptions: () => void;
}

export const defaultDashboardDeps: DashboardDeps = {
  session: () => sessionItem.getValue(),
  workerUrl: () => workerUrlItem.getValue(),
  api: (url, token) => pulseApi(url, token),
  openOptions: () => void browser.runtime.openOptionsPage(),
};

/** The full-page dashboard: the same pulse as the popup with room, per-site drill-down, CSV of every table. */
export function DashboardApp({ deps = defaultDashboardDeps }: { deps?: DashboardDeps }) {
  useLocale();
  const [ctx, setCtx] = useState<{ session: Session | null; workerUrl: string } | null>(null);
  useEffect(() => {
    void Promise.all([deps.session(), deps.workerUrl()]).then(([session, workerUrl]) => setCtx({ session, workerUrl }));
  }, [deps]);

  useEffect(() => {
    document.title = t('dashboard.pageTitle');
  });

  if (!ctx) {
    return (
      <main>
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  const { session, workerUrl } = ctx;
  if (!session || session.revokedAt || session.role === 'member') {
    return (
      <main>
        <h1>{t('dashboard.pageTitle')}</h1>
        <p role="status">{!session ? t('popup.notJoined') : session.revokedAt ? t('popup.revoked', { community: session.community.name }) : t('dashboard.ownersOnly')}</p>
        <button type="button" onClick={deps.openOptions}>
          {t('common.settings')}
        </button>
      </main>
    );
  }
  return <Dashboard deps={deps} session={session} workerUrl={workerUrl} />;
}

function Dashboard({ deps, session, workerUrl }: { deps: DashboardDeps; session: Session; workerUrl: string }) {
  const api = useMemo(() => deps.api(workerUrl, session.token), [deps, workerUrl, session.token]);
  const owner = session.role === 'owner';
  const [range, setRange] = useState<DashboardRange | null>(null);
  const [site, setSite] = useState<string | null>(null);
  useEffect(() => {
    void rangeItem.getValue().then(setRange);
  }, []);
  const dashboard = useDashboard(api, session.community.id, range ?? 30, owner && range !== null);
  const alerts = useAlerts(api, session.community.id, true);
  const who = useWho(api, session.accountId, owner);
  const sites = session.community.sites.map((s) => s.origin);
  const shownAlerts = (alerts.data ?? []).filter((a) => !site || a.site === site);
  const alertTable = alertsTable(shownAlerts, who);

  const choose = (r: DashboardRange) => {
    setRange(r);
    void rangeItem.setValue(r);
  };

  return (
    <main class="page">
      <header class="page-head">
        <div>
          <h1>{t('dashboard.title', { community: session.community.name })}</h1>
          {dashboard.data && (
            <Freshness
              fetchedAt={dashboard.fetchedAt}
              fromCache={dashboard.fromCache}
              loading={dashboard.loading}
              rolledUpAt={dashboard.data.rolledUpAt}
              onRefresh={() => {
                void dashboard.reload();
                void alerts.reload();
              }}
            />
          )}
        </div>
        <div class="controls">
          {owner && range !== null && <RangePicker value={range} onChange={choose} name="page-range" />}
          {sites.length > 1 && (
            <label class="site-filter">
              {t('dashboard.site')}{' '}
              <select value={site ?? ''} onChange={(e) => setSite((e.currentTarget as HTMLSelectElement).value || null)}>
                <option value="">{t('dashboard.allSites')}</option>
                {sites.map((s) => (
                  <option key={s} value={s}>
                    {siteHost(s)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </header>
      {site && <p class="small muted">{t('dashboard.siteNote', { site: siteHost(site) })}</p>}

      <section class="card" aria-labelledby="h-alerts">
        <div class="card-head">
          <h2 id="h-alerts">
            {t('alerts.title')} {alerts.data && <span class="count">{t('alerts.openCount', alerts.open, [formatNumber(alerts.open)])}</span>}
          </h2>
          <div class="card-actions">{alerts.data && <CsvButton table={alertTable} />}</div>
        </div>
        <AlertsPanel state={alerts} shown={shownAlerts} who={who} showSite={sites.length > 1} workerUrl={workerUrl} />
      </section>

      {owner &&
        (dashboard.error?.status === 403 ? (
          <p class="muted">{t('popup.noDashboardAccess')}</p>
        ) : dashboard.data ? (
          <>
            {dashboard.error && (
              <p class="warn" role="alert">
                {t('status.refreshFailed', { error: errorText(dashboard.error, workerUrl) })}
              </p>
            )}
            {isEmptyCommunity(dashboard.data) ? (
              <section class="card empty-state" data-testid="pulse-empty">
                <h2>{t('empty.title')}</h2>
                <p>{dashboard.data.rolledUpAt !== null ? t('empty.noActivity') : t('empty.notRolledUp')}</p>
              </section>
            ) : (
              <PulseView data={dashboard.data} variant="page" site={site} />
            )}
          </>
        ) : dashboard.error ? (
          <section class="card error-state" data-testid="pulse-error">
            <p class="warn" role="alert">
              {errorText(dashboard.error, workerUrl)}
            </p>
            <button type="button" onClick={() => void dashboard.reload()}>
              {t('common.retry')}
            </button>
          </section>
        ) : (
          <p role="status" class="loading" data-testid="pulse-loading">
            {t('popup.loadingPulse')}
          </p>
        ))}
      {owner && range !== null && dashboard.error?.status !== 403 && <Breakdown api={api} range={range} site={site} workerUrl={workerUrl} />}
    </main>
  );
}
