import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import { formatDelta, formatNumber, formatPercent, t } from '../../../lib/i18n';

type Change = { mark: string; text: string; sentence: string; dir: 'up' | 'down' | 'same' | 'none' };

/** The change against the previous period, as a symbol, signed text and a sentence: never by colour alone. */
export function change(now: number | null, previous: number | null, kind: 'count' | 'share'): Change {
  if (now === null || previous === null) return { mark: '', text: '–', sentence: t('active.noComparison'), dir: 'none' };
  const diff = now - previous;
  const shown = kind === 'share' ? t('active.points', { n: formatDelta(diff * 100, { maximumFractionDigits: 1 }) }) : formatDelta(diff);
  const rel = kind === 'count' && previous > 0 && diff !== 0 ? ` (${formatDelta((100 * diff) / previous, { maximumFractionDigits: 0 })}%)` : '';
  const dir = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const mark = dir === 'up' ? '▲' : dir === 'down' ? '▼' : '＝';
  const value = kind === 'share' ? formatPercent(previous, 1) : formatNumber(previous);
  const sentence =
    dir === 'up' ? t('active.upFrom', { change: shown + rel, previous: value }) : dir === 'down' ? t('active.downFrom', { change: shown + rel, previous: value }) : t('active.sameAs', { previous: value });
  return { mark, text: `${shown}${rel}`, sentence, dir };
}

/** DAU / WAU / MAU and stickiness, each with its change against the previous period. */
export function ActiveMembers({ data }: { data: DashboardResponse }) {
  const { now, previous } = data.active;
  const tiles = [
    { key: 'dau', label: t('active.dau'), hint: t('active.dauHint'), value: formatNumber(now.dau), change: change(now.dau, previous.dau, 'count') },
    { key: 'wau', label: t('active.wau'), hint: t('active.wauHint'), value: formatNumber(now.wau), change: change(now.wau, previous.wau, 'count') },
    { key: 'mau', label: t('active.mau'), hint: t('active.mauHint'), value: formatNumber(now.mau), change: change(now.mau, previous.mau, 'count') },
    {
      key: 'stickiness',
      label: t('active.stickiness'),
      hint: t('active.stickinessHint'),
      value: now.stickiness === null ? '–' : formatPercent(now.stickiness, 1),
      change: change(now.stickiness, previous.stickiness, 'share'),
    },
  ];
  return (
    <div>
      <ul class="tiles" aria-label={t('active.title')}>
        {tiles.map((tile) => (
          <li key={tile.key} class="tile" data-metric={tile.key} title={tile.hint}>
            <span class="tile-label">{tile.label}</span>
            <span class="tile-value">{tile.value}</span>
            <span class={`delta delta--${tile.change.dir}`}>
              <span aria-hidden="true">
                {tile.change.mark} {tile.change.text}
              </span>
              <span class="sr-only">{tile.change.sentence}</span>
            </span>
          </li>
        ))}
      </ul>
      <p class="muted small">{t('active.comparedWith', { days: data.range, members: formatNumber(data.members) })}</p>
    </div>
  );
}
