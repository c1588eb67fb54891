import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BreakdownBy, BreakdownResponse } from '../../../../shared/schemas/dashboard';
import type { BreakdownQuery, DashboardRange, PulseApi } from '../../../lib/dashboard-api';
import { t } from '../../../lib/i18n';
import { BY_KEYS, breakdownTable } from './breakdown-table';
import { CsvButton, DataTable } from './DataTable';
import { safeUrl, siteHost } from './model';
import { errorText } from './Status';
import type { LoadError } from './usePulse';

type Scope = { kind: 'site' | 'category' | 'tag'; value: string } | null;
const BYS: BreakdownBy[] = ['site', 'category', 'tag', 'thread'];
const WITHIN_KEYS = { site: 'breakdown.within.site', category: 'breakdown.within.category', tag: 'breakdown.within.tag' } as const;

function useBreakdown(api: PulseApi, range: DashboardRange, query: BreakdownQuery) {
  const [state, setState] = useState<{ data: BreakdownResponse | null; error: LoadError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const seq = useRef(0);
  const key = JSON.stringify([range, query]);
  const load = async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    const res = await api.breakdown(range, query);
    if (mine !== seq.current) return;
    setState(res.ok ? { data: res.data, error: null, loading: false } : { data: null, error: { code: res.code, status: res.status, message: res.error }, loading: false });
  };
  useEffect(() => {
    void load();
  }, [api, key]);
  return { ...state, reload: load };
}

/**
 * Drill-down of the range's posts: by site, category, tag or thread; a site, category or
 * tag row opens its threads. Each table has its CSV. `site` is the page's site filter.
 */
export function Breakdown({ api, range, site, workerUrl }: { api: PulseApi; range: DashboardRange; site: string | null; workerUrl: string }) {
  const [by, setBy] = useState<BreakdownBy>('site');
  const [scope, setScope] = useState<Scope>(null);
  const query = useMemo((): BreakdownQuery => {
    const q: BreakdownQuery = { by: scope ? 'thread' : by };
    const s = scope?.kind === 'site' ? scope.value : site;
    if (s) q.site = s;
    if (scope?.kind === 'category') q.category = scope.value;
    if (scope?.kind === 'tag') q.tag = scope.value;
    return q;
  }, [by, scope, site]);
  const { data, error, loading, reload } = useBreakdown(api, range, query);
  const table = useMemo(() => (data ? breakdownTable(data) : null), [data, t('locale')]);

  const scopeName = (s: NonNullable<Scope>) => (s.kind === 'site' ? siteHost(s.value) : s.kind === 'category' && s.value === '' ? t('breakdown.noCategory') : s.value);
  const drill = (i: number) => {
    const row = data?.rows[i];
    if (!row || !data) return null;
    if (data.by === 'thread') {
      const href = safeUrl(row.url);
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" aria-label={t('breakdown.openThread', { title: row.title ?? row.key })}>
          {t('breakdown.open')}
        </a>
      ) : null;
    }
    const next = { kind: data.by, value: row.key } as NonNullable<Scope>;
    return (
      <button type="button" class="link" aria-label={t('breakdown.showThreadsOf', { what: scopeName(next) })} onClick={() => setScope(next)}>
        {t('breakdown.showThreads')}
      </button>
    );
  };

  return (
    <section class="card" id="part-breakdown" aria-labelledby="h-breakdown" aria-busy={loading}>
      <div class="card-head">
        <h2 id="h-breakdown">{t('breakdown.title')}</h2>
        <div class="card-actions">{table && <CsvButton table={table} />}</div>
      </div>
      <p class="small muted">{t('breakdown.explain', { days: range })}</p>
      {scope ? (
        <p class="crumbs" aria-live="polite">
          <button type="button" class="link" onClick={() => setScope(null)}>
            {t('breakdown.back')}
          </button>{' '}
          › <strong data-testid="breakdown-scope">{t(WITHIN_KEYS[scope.kind], { value: scopeName(scope) })}</strong>
        </p>
      ) : (
        <label class="group-by">
          {t('breakdown.groupBy')}{' '}
          <select value={by} onChange={(e) => setBy((e.currentTarget as HTMLSelectElement).value as BreakdownBy)}>
            {BYS.map((b) => (
              <option key={b} value={b}>
                {t(BY_KEYS[b])}
              </option>
            ))}
          </select>
        </label>
      )}
      {error ? (
        <div class="error-state">
          <p class="warn" role="alert">
            {errorText(error, workerUrl)}
          </p>
          <button type="button" class="secondary small" onClick={() => void reload()}>
            {t('common.retry')}
          </button>
        </div>
      ) : table ? (
        <DataTable table={table} empty={t('breakdown.empty')} actions={{ label: t('breakdown.actions'), cell: drill }} />
      ) : (
        <p role="status" class="muted">
          {t('breakdown.loading')}
        </p>
      )}
    </section>
  );
}
