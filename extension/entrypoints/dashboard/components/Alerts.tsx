import type { Alert } from '../../../../shared/schemas/alerts';
import { formatDateTime, t } from '../../../lib/i18n';
import { ALERT_KIND_KEYS, alertDetails, memberName, safeUrl, SEVERITY_KEYS, SEVERITY_MARK, siteHost } from './model';

export interface AlertsListProps {
  alerts: readonly Alert[];
  /** Alert ids with an action under way. */
  busy: ReadonlySet<string>;
  onAcknowledge: (id: string) => void;
  onResolve: (id: string) => void;
  /** The name of the account that acted ("you" for this browser's). */
  who: (accountId: string | null) => string;
  /** Several sites: say which. */
  showSite?: boolean;
  /** Cap the list (the popup), with "n more" after it. */
  max?: number;
}

/** What the alert is about, as text: the thread's title, else the member. */
export function alertSubject(a: Alert): string {
  if (a.thread) return a.thread.title ?? t('alerts.threadId', { id: a.thread.id });
  if (a.memberId) return memberName({ memberId: a.memberId, displayName: a.displayName, site: a.site });
  return siteHost(a.site);
}

/** Open alerts, each with what happened, the numbers behind it, and acknowledge / resolve with who and when. */
export function AlertsList({ alerts, busy, onAcknowledge, onResolve, who, showSite = false, max }: AlertsListProps) {
  if (alerts.length === 0) return <p class="muted">{t('alerts.none')}</p>;
  const shown = max ? alerts.slice(0, max) : alerts;
  return (
    <>
      <ul class="alerts">
        {shown.map((a) => {
          const kind = t(ALERT_KIND_KEYS[a.kind]);
          const subject = alertSubject(a);
          const url = safeUrl(a.thread?.url);
          const isBusy = busy.has(a.id);
          return (
            <li key={a.id} class={`alert alert--${a.severity} alert--${a.status}`} data-alert={a.id}>
              <p class="alert-head">
                <span class="severity">
                  <span aria-hidden="true">{SEVERITY_MARK[a.severity]}</span> {t(SEVERITY_KEYS[a.severity])}
                </span>{' '}
                <strong>{kind}</strong>
                {showSite && <span class="muted"> · {siteHost(a.site)}</span>}
              </p>
              <p class="alert-subject">
                {url ? (
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {subject}
                  </a>
                ) : (
                  subject
                )}
                {a.thread && a.memberId && (
                  <span class="muted"> · {memberName({ memberId: a.memberId, displayName: a.displayName, site: a.site })}</span>
                )}
              </p>
              {Object.keys(a.details).length > 0 && <p class="alert-details small">{alertDetails(a).join(' · ')}</p>}
              <p class="alert-meta small muted">
                {t('alerts.openedAt', { when: formatDateTime(a.openedAt) })}
                {a.acknowledgedAt && (
                  <>
                    {' · '}
                    <span data-testid="acknowledged">{t('alerts.acknowledgedByAt', { who: who(a.acknowledgedBy), when: formatDateTime(a.acknowledgedAt) })}</span>
                  </>
                )}
                {a.resolvedAt && (
                  <>
                    {' · '}
                    <span data-testid="resolved">{t('alerts.resolvedByAt', { who: who(a.resolvedBy), when: formatDateTime(a.resolvedAt) })}</span>
                  </>
                )}
              </p>
              {a.status !== 'resolved' && (
                <div class="buttons">
                  {a.status === 'open' && (
                    <button
                      type="button"
                      class="secondary small"
                      disabled={isBusy}
                      aria-label={t('alerts.acknowledgeLabel', { kind, subject })}
                      onClick={() => onAcknowledge(a.id)}
                    >
                      {t('alerts.acknowledge')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="secondary small"
                    disabled={isBusy}
                    aria-label={t('alerts.resolveLabel', { kind, subject })}
                    onClick={() => onResolve(a.id)}
                  >
                    {t('alerts.resolve')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {max && alerts.length > max && <p class="muted small">{t('alerts.more', alerts.length - max, [alerts.length - max])}</p>}
    </>
  );
}
