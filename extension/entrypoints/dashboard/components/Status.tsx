import { DASHBOARD_RANGES, type DashboardRange } from '../../../lib/dashboard-api';
import { formatDateTime, t } from '../../../lib/i18n';
import type { LoadError } from './usePulse';

/** 7 / 30 / 90 days, as a radio group (arrow keys move between them). */
export function RangePicker({ value, onChange, name = 'range' }: { value: DashboardRange; onChange: (r: DashboardRange) => void; name?: string }) {
  return (
    <fieldset class="range">
      <legend class="sr-only">{t('range.legend')}</legend>
      {DASHBOARD_RANGES.map((r) => (
        <label key={r} class={r === value ? 'checked' : undefined}>
          <input type="radio" name={name} value={r} checked={r === value} onChange={() => onChange(r)} />
          <span aria-hidden="true">{t('range.short', { days: r })}</span>
          <span class="sr-only">{t('range.long', { days: r })}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A failed request in words the owner can act on. */
export function errorText(e: LoadError, workerUrl: string): string {
  if (e.code === 'unreachable') return t('errors.unreachable', { url: workerUrl });
  if (e.code === 'token_revoked' || e.status === 401) return t('errors.unauthorized');
  if (e.status === 403) return t('errors.forbidden');
  if (e.status === 429) return t('errors.rateLimited');
  if (e.code === 'bad_response') return t('errors.badResponse', { error: e.message });
  return t('errors.other', { error: e.message });
}

/** How fresh the numbers on screen are: saved copy, refreshing, or fetched at. */
export function Freshness(props: { fetchedAt: number | null; fromCache: boolean; loading: boolean; rolledUpAt?: number | null; onRefresh?: () => void }) {
  const { fetchedAt, fromCache, loading, rolledUpAt, onRefresh } = props;
  return (
    <p class="freshness small muted" role="status">
      {loading
        ? fromCache && fetchedAt
          ? t('status.savedRefreshing', { when: formatDateTime(fetchedAt) })
          : t('status.refreshing')
        : fetchedAt
          ? fromCache
            ? t('status.saved', { when: formatDateTime(fetchedAt) })
            : t('status.updated', { when: formatDateTime(fetchedAt) })
          : null}
      {rolledUpAt !== undefined && !loading && (
        <> · {rolledUpAt ? t('status.rolledUp', { when: formatDateTime(rolledUpAt) }) : t('status.notRolledUp')}</>
      )}
      {onRefresh && !loading && (
        <>
          {' '}
          <button type="button" class="link" onClick={onRefresh}>
            {t('status.refresh')}
          </button>
        </>
      )}
    </p>
  );
}
