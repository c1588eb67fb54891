import type { BreakdownResponse } from '../../../../shared/schemas/dashboard';
import { formatNumber, formatPercent, t } from '../../../lib/i18n';
import { type Cell, type Column, siteHost, type TableSpec } from './model';

export const BY_KEYS = { site: 'breakdown.by.site', category: 'breakdown.by.category', tag: 'breakdown.by.tag', thread: 'breakdown.by.thread' } as const;

const num = (v: Cell) => (typeof v === 'number' ? formatNumber(v) : '–');
const pct = (v: Cell) => (typeof v === 'number' ? formatPercent(v) : '–');
const host = (v: Cell) => (typeof v === 'string' ? siteHost(v) : '–');
const category = (v: Cell) => (v === '' ? t('breakdown.noCategory') : String(v ?? '–'));

/** A drill-down as a table: the page shows formatted cells, CSV the raw ones. */
export function breakdownTable(b: BreakdownResponse): TableSpec {
  const first: Column[] =
    b.by === 'site'
      ? [{ label: t('breakdown.by.site'), format: host }]
      : b.by === 'category'
        ? [{ label: t('breakdown.by.category'), format: category }]
        : b.by === 'tag'
          ? [{ label: t('breakdown.by.tag') }]
          : [{ label: t('breakdown.by.thread') }, { label: t('common.site'), format: host }];
  const columns: Column[] = [
    ...first,
    ...(b.by === 'thread' ? [] : [{ label: t('breakdown.threads'), numeric: true, format: num }]),
    { label: t('breakdown.posts'), numeric: true, format: num },
    { label: t('breakdown.authors'), numeric: true, format: num },
    { label: t('breakdown.negativeShare'), numeric: true, format: pct },
    { label: t('breakdown.openAlerts'), numeric: true, format: num },
  ];
  const rows = b.rows.map((r): Cell[] => [
    ...(b.by === 'thread' ? [r.title ?? t('breakdown.untitled', { id: r.key }), r.site] : [r.key]),
    ...(b.by === 'thread' ? [] : [r.threads]),
    r.posts,
    r.authors,
    r.negativeShare,
    r.openAlerts,
  ]);
  const scope = b.filter.category !== null ? b.filter.category || 'none' : (b.filter.tag ?? (b.filter.site ? siteHost(b.filter.site) : null));
  return {
    id: `breakdown-${b.by}${scope ? `-${scope.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 40)}` : ''}`,
    title: t('breakdown.tableTitle', { by: t(BY_KEYS[b.by]) }),
    columns,
    rows,
  };
}
