import type { Alert } from '../../../../shared/schemas/alerts';
import { t } from '../../../lib/i18n';
import { AlertsList, type AlertsListProps } from './Alerts';
import { errorText } from './Status';
import type { useAlerts } from './usePulse';

interface AlertsPanelProps extends Pick<AlertsListProps, 'who' | 'showSite' | 'max'> {
  state: ReturnType<typeof useAlerts>;
  /** The alerts to list (default: all loaded). */
  shown?: Alert[];
  workerUrl: string;
  /** Smaller status lines (the popup). */
  compact?: boolean;
}

/**
 * The open alerts with their states, shared by the popup and the dashboard page: the
 * Worker without alerts (404), an error before any data, the list, loading; and the
 * error of a failed acknowledge or resolve.
 */
export function AlertsPanel({ state, shown, who, showSite, max, workerUrl, compact = false }: AlertsPanelProps) {
  const muted = compact ? 'muted small' : 'muted';
  return (
    <>
      {state.error && state.error.status === 404 ? (
        <p class={muted}>{t('alerts.unavailable')}</p>
      ) : state.error && !state.data ? (
        <p class="warn" role="alert">
          {errorText(state.error, workerUrl)}
        </p>
      ) : state.data ? (
        <AlertsList
          alerts={shown ?? state.data}
          busy={state.busy}
          who={who}
          showSite={showSite}
          max={max}
          onAcknowledge={(id) => void state.act(id, 'ack')}
          onResolve={(id) => void state.act(id, 'resolve')}
        />
      ) : (
        <p role="status" class={muted}>
          {t('alerts.loading')}
        </p>
      )}
      {state.actionError && (
        <p class="warn" role="alert">
          {state.actionError}
        </p>
      )}
    </>
  );
}
