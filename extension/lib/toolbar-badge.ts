import type { Session } from './session';
import { formatNumber, t } from './i18n';

/** What the toolbar icon shows: a short text on the badge, its colour, and the icon's tooltip. */
export interface ToolbarBadge {
  text: string;
  color: string;
  title: string;
}

export interface BadgeInput {
  session: Session | null;
  /** Events waiting in the outbox, and whether the last send failed. */
  pending: number;
  lastError: string | null;
  /** Open (not yet acknowledged) alerts of the community; null when unknown or not a moderator. */
  openAlerts: number | null;
}

const ALERT_COLOUR = '#b91c1c';
const DELIVERY_COLOUR = '#b45309';
const short = (n: number) => (n > 999 ? '999+' : String(n));

/**
 * The badge: "!" when access was revoked; for moderators and owners the number of open
 * alerts; otherwise the number of events stuck waiting after a failed send. The tooltip
 * always says in words what the badge counts (never the colour alone).
 */
export function toolbarBadge({ session, pending, lastError, openAlerts }: BadgeInput): ToolbarBadge {
  const lines = [t('app.name')];
  if (session?.revokedAt) {
    lines.push(t('toolbar.revoked'));
    return { text: '!', color: ALERT_COLOUR, title: lines.join('\n') };
  }
  const alerts = session && session.role !== 'member' && openAlerts ? openAlerts : 0;
  const stuck = lastError && pending > 0 ? pending : 0;
  if (alerts) lines.push(t('toolbar.alerts', alerts, [formatNumber(alerts)]));
  if (stuck) lines.push(t('toolbar.waiting', stuck, [formatNumber(stuck)]));
  if (alerts) return { text: short(alerts), color: ALERT_COLOUR, title: lines.join('\n') };
  if (stuck) return { text: short(stuck), color: DELIVERY_COLOUR, title: lines.join('\n') };
  return { text: '', color: DELIVERY_COLOUR, title: lines.join('\n') };
}
