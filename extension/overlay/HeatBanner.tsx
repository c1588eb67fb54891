import { useState } from 'preact/hooks';
import type { Alert } from '../../shared/schemas/alerts';
import { formatDateTime, formatNumber, formatPercent, t } from '../lib/i18n';

const KIND = {
  heated_thread: 'heat.kind.heatedThread',
  pile_on: 'heat.kind.pileOn',
  new_account_burst: 'heat.kind.newAccountBurst',
  core_member_drop: 'heat.kind.coreMemberDrop',
} as const;
const SEVERITY = { info: 'alerts.severity.info', warning: 'alerts.severity.warning', critical: 'alerts.severity.critical' } as const;
const MARK = { info: 'ℹ', warning: '⚠', critical: '‼' } as const;

/** The numbers behind an alert, in words: "60% negative (usually 10%), 14 posts". */
export function heatDetail(a: Alert): string {
  const d = a.details;
  const parts: string[] = [];
  const share = d.negativeShare ?? d.toxicShare;
  if (share !== undefined) {
    const which = d.negativeShare !== undefined ? 'heat.negativeShare' : 'heat.toxicShare';
    parts.push(t(which, { share: formatPercent(share) }) + (d.baseline !== undefined ? ` ${t('heat.usually', { share: formatPercent(d.baseline) })}` : ''));
  }
  if (d.replies !== undefined) parts.push(t('heat.replies', d.replies, [formatNumber(d.replies)]));
  if (d.posts !== undefined) parts.push(t('heat.posts', d.posts, [formatNumber(d.posts)]));
  if (d.accounts !== undefined) parts.push(t('heat.newAccounts', d.accounts, [formatNumber(d.accounts)]));
  return parts.join(t('heat.separator'));
}

export interface HeatBannerProps {
  /** The thread's open alerts (may be empty: then nothing shows). */
  alerts: readonly Alert[];
  /** Called when the moderator closes the banner. */
  onDismiss?: () => void;
}

/**
 * The "heat" banner a moderator sees at the top of a thread with open alerts. Everything
 * from the data is rendered as text, never as HTML. The close button is a real button
 * (Tab reaches it, Enter or Space activates it) and Escape inside the banner closes it too.
 */
export function HeatBanner({ alerts, onDismiss }: HeatBannerProps) {
  const [closed, setClosed] = useState(false);
  const open = alerts.filter((a) => a.status !== 'resolved');
  if (closed || open.length === 0) return null;
  const dismiss = () => {
    setClosed(true);
    onDismiss?.();
  };
  const worst = open.some((a) => a.severity === 'critical') ? 'critical' : open.some((a) => a.severity === 'warning') ? 'warning' : 'info';
  return (
    <section
      class={`heat heat--${worst}`}
      role="region"
      aria-label={t('heat.label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') dismiss();
      }}
    >
      <p class="heat-title">
        <span aria-hidden="true">{MARK[worst]} </span>
        <strong>{t('heat.title', open.length, [formatNumber(open.length)])}</strong>
      </p>
      <ul>
        {open.map((a) => {
          const detail = heatDetail(a);
          const who = a.kind === 'pile_on' || a.kind === 'core_member_drop' ? (a.displayName ?? null) : null;
          return (
            <li key={a.id} data-alert={a.id}>
              <span class="sev">{t('heat.severityLabel', { severity: t(SEVERITY[a.severity]) })}</span>
              {t(KIND[a.kind])}
              {who && <> ({who})</>}
              {detail && <> · {detail}</>}
              <span class="when"> · {t('heat.since', { when: formatDateTime(a.openedAt) })}</span>
              {a.status === 'acknowledged' && <span class="when"> · {t('alerts.status.acknowledged')}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" class="close" aria-label={t('heat.dismiss')} onClick={dismiss}>
        ×
      </button>
    </section>
  );
}

/** Styles for the banner's shadow root (text and border carry severity, not colour alone). */
export const HEAT_BANNER_CSS = `
:host { all: initial; }
.heat { position: relative; box-sizing: border-box; margin: 8px 0; padding: 10px 40px 10px 12px; max-width: 100%;
  font: 14px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #111827;
  background: #fffbeb; border: 1px solid #f59e0b; border-left: 6px solid #b45309; border-radius: 6px; }
.heat--critical { background: #fef2f2; border-color: #f87171; border-left: 6px double #991b1b; }
.heat--info { background: #eff6ff; border-color: #93c5fd; border-left: 6px dashed #1d4ed8; }
.heat p { margin: 0 0 4px; }
.heat ul { margin: 0; padding-left: 18px; }
.heat .sev { font-weight: 600; }
.heat .when { color: #374151; }
.heat .close { position: absolute; top: 6px; right: 6px; width: 28px; height: 28px; border: 0; border-radius: 4px;
  background: none; font-size: 18px; line-height: 1; cursor: pointer; color: inherit; }
.heat .close:hover { background: rgba(0,0,0,.06); }
.heat .close:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
`;
