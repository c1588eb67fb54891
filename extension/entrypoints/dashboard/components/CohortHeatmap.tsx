import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import { formatDay, formatNumber, formatPercent, t } from '../../../lib/i18n';

/**
 * Shades for retention, light to dark, each with a text colour of at least 4.5:1 contrast
 * (#111827 on the light ones, white on the dark ones). The percentage is always printed
 * in the cell, so the shade only repeats it.
 */
export const SHADES: Array<{ min: number; bg: string; fg: string }> = [
  { min: 0.7, bg: '#1e3a8a', fg: '#ffffff' },
  { min: 0.5, bg: '#1d4ed8', fg: '#ffffff' },
  { min: 0.35, bg: '#93c5fd', fg: '#111827' },
  { min: 0.2, bg: '#bfdbfe', fg: '#111827' },
  { min: 0.1, bg: '#dbeafe', fg: '#111827' },
  { min: 0, bg: '#f1f5f9', fg: '#111827' },
];
export const shade = (rate: number) => SHADES.find((s) => rate >= s.min) ?? SHADES.at(-1)!;

/**
 * Weekly cohorts: each row the members who first came that week, each column the share
 * of them active n weeks later. A table (the heatmap is its cells' shading), so it reads
 * cell by cell with a screen reader and by keyboard.
 */
export function CohortHeatmap({ data, onSelect, selected }: { data: DashboardResponse; onSelect?: (label: string) => void; selected?: string | null }) {
  const { offsets, rows } = data.cohorts;
  if (rows.length === 0) return <p class="muted">{t('cohorts.empty')}</p>;
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-label={t('cohorts.title')}>
      <table class="heatmap" data-table="retention-cohorts">
        <caption class="sr-only">{t('cohorts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cohorts.cohort')}</th>
            <th scope="col" class="num">
              {t('cohorts.size')}
            </th>
            {offsets.map((o) => (
              <th scope="col" class="num" key={o}>
                <span aria-hidden="true">{t('cohorts.weekShort', { n: o })}</span>
                <span class="sr-only">{t('cohorts.week', { n: o })}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} class={selected === r.label ? 'selected' : undefined}>
              <th scope="row">
                {onSelect ? (
                  <button type="button" class="link" aria-pressed={selected === r.label} onClick={() => onSelect(r.label)}>
                    {formatDay(r.label)}
                  </button>
                ) : (
                  formatDay(r.label)
                )}
              </th>
              <td class="num">{formatNumber(r.size)}</td>
              {offsets.map((o, i) => {
                const rate = r.rates[i] ?? null;
                if (rate === null) {
                  return (
                    <td key={o} class="num cell-empty">
                      <span aria-hidden="true">·</span>
                      <span class="sr-only">{t('cohorts.notYet')}</span>
                    </td>
                  );
                }
                const s = shade(rate);
                return (
                  <td key={o} class="num cell" style={{ background: s.bg, color: s.fg }}>
                    {formatPercent(rate)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="legend muted small" aria-hidden="true">
        {t('cohorts.legend')}{' '}
        {[...SHADES].reverse().map((s) => (
          <span key={s.min} class="swatch" style={{ background: s.bg, color: s.fg }}>
            ≥{formatPercent(s.min)}
          </span>
        ))}
      </p>
    </div>
  );
}
