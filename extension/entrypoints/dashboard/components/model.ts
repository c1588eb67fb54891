import type { Alert } from '../../../../shared/schemas/alerts';
import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import { reasonText } from '../../../../shared/churn/reasons';
import { CHURN_FEATURES, type ChurnFeatureKey } from '../../../../shared/churn/features';
import { currentLocale, formatDateTime, formatDay, formatNumber, formatPercent, t } from '../../../lib/i18n';

/**
 * Every table of the dashboard as data: the page shows the formatted cells, CSV export
 * writes the raw ones (numbers as numbers, shares as 0..1), under the same headings.
 */
export type Cell = string | number | null;
export interface Column {
  label: string;
  numeric?: boolean;
  /** How a cell is shown on the page; CSV keeps the raw value. */
  format?: (value: Cell) => string;
}
export interface TableSpec {
  /** Stable id: the CSV's file name and the element id. */
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export type MemberRef = { memberId: string; displayName: string | null; site: string };

/** The member's name for owners, else a short pseudonym. */
export const memberName = (m: MemberRef) => m.displayName ?? t('common.member', { id: m.memberId.slice(0, 8) });

/** The host of a site origin, for compact display. */
export const siteHost = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};

/** Only http(s) links from data ever become hrefs. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

const num = (v: Cell) => (typeof v === 'number' ? formatNumber(v) : v === null ? '–' : v);
const pct = (v: Cell) => (typeof v === 'number' ? formatPercent(v) : '–');
const day = (v: Cell) => (typeof v === 'string' ? formatDay(v) : '–');
const when = (v: Cell) => (typeof v === 'string' || typeof v === 'number' ? formatDateTime(v) : '–');

export const LEVEL_KEYS = {
  newcomer: 'levels.newcomer',
  regular: 'levels.regular',
  core: 'levels.core',
  at_risk: 'levels.atRisk',
  lapsed: 'levels.lapsed',
} as const;
/** Levels also as a symbol (as on the badges): never by colour alone. */
export const LEVEL_MARK: Record<string, string> = { newcomer: '○', regular: '◐', core: '●', at_risk: '△', lapsed: '◌' };
export const levelLabel = (level: string) => (level in LEVEL_KEYS ? t(LEVEL_KEYS[level as keyof typeof LEVEL_KEYS]) : level);

export const TREND_KEYS = { up: 'trend.up', down: 'trend.down', flat: 'trend.flat', new: 'trend.new' } as const;
export const TREND_MARK: Record<string, string> = { up: '↑', down: '↓', flat: '→', new: '✱' };
export const trendLabel = (trend: string) => (trend in TREND_KEYS ? t(TREND_KEYS[trend as keyof typeof TREND_KEYS]) : trend);

export const ALERT_KIND_KEYS = {
  heated_thread: 'alerts.kind.heatedThread',
  pile_on: 'alerts.kind.pileOn',
  new_account_burst: 'alerts.kind.newAccountBurst',
  core_member_drop: 'alerts.kind.coreMemberDrop',
} as const;
export const SEVERITY_KEYS = { info: 'alerts.severity.info', warning: 'alerts.severity.warning', critical: 'alerts.severity.critical' } as const;
/** Severity as a symbol too. */
export const SEVERITY_MARK = { info: 'ℹ', warning: '⚠', critical: '‼' } as const;
export const STATUS_KEYS = { open: 'alerts.status.open', acknowledged: 'alerts.status.acknowledged', resolved: 'alerts.status.resolved' } as const;

const DETAIL_KEYS = {
  negativeShare: 'alerts.detail.negativeShare',
  toxicShare: 'alerts.detail.toxicShare',
  baseline: 'alerts.detail.baseline',
  z: 'alerts.detail.z',
  posts: 'alerts.detail.posts',
  replies: 'alerts.detail.replies',
  authors: 'alerts.detail.authors',
  threads: 'alerts.detail.threads',
  accounts: 'alerts.detail.accounts',
  recentPerDay: 'alerts.detail.recentPerDay',
  baselinePerDay: 'alerts.detail.baselinePerDay',
  ratio: 'alerts.detail.ratio',
} as const;
/** "negativeShare" → "Negative share"; unknown keys are spelled out from camelCase. */
export const detailLabel = (key: string) =>
  key in DETAIL_KEYS ? t(DETAIL_KEYS[key as keyof typeof DETAIL_KEYS]) : key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
/** Shares (names ending in Share, the baseline of one, the ratio to the usual) read as percentages. */
export const detailValue = (key: string, value: number) => (/share$|^baseline$|^ratio$/i.test(key) ? formatPercent(value) : formatNumber(value));
export const alertDetails = (a: Alert) => Object.entries(a.details).map(([k, v]) => `${detailLabel(k)}: ${detailValue(k, v)}`);

const FEATURES = new Set<string>(CHURN_FEATURES.map((f) => f.key));
/** One line per churn reason, in the page's language (shared/churn's wording). */
export function reasonLine(r: { feature: string; direction: string; value: number; typical: number }): string {
  if (FEATURES.has(r.feature)) {
    const lang = currentLocale().startsWith('zh') ? 'zh' : 'en';
    const direction = r.direction === 'lowers' ? 'lowers' : 'raises';
    return reasonText({ feature: r.feature as ChurnFeatureKey, value: r.value, typical: r.typical, contribution: 0, direction }, lang);
  }
  return t('atRisk.reasonOther', { feature: r.feature, value: formatNumber(r.value), typical: formatNumber(r.typical) });
}

/** The score deciles' labels: "0–9" … "90–100". */
export const decileLabel = (i: number) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`);

// ---------------------------------------------------------------------------------------

export function activeTable(d: DashboardResponse): TableSpec {
  const metrics = [
    ['dau', t('active.dau')],
    ['wau', t('active.wau')],
    ['mau', t('active.mau')],
    ['averageDau', t('active.averageDau')],
    ['stickiness', t('active.stickiness')],
  ] as const;
  return {
    id: 'active-members',
    title: t('active.title'),
    columns: [
      { label: t('active.metric') },
      { label: t('active.now'), numeric: true },
      { label: t('active.previous', { days: d.range }), numeric: true },
      { label: t('active.change'), numeric: true },
    ],
    rows: metrics.map(([key, label]) => {
      const now = d.active.now[key];
      const prev = d.active.previous[key];
      return [label, now, prev, now === null || prev === null ? null : now - prev];
    }),
  };
}

export function activityTable(d: DashboardResponse): TableSpec {
  return {
    id: 'activity',
    title: t('activity.title'),
    columns: [
      { label: t('common.day'), format: day },
      { label: t('activity.interactions'), numeric: true, format: num },
      { label: t('activity.activeMembers'), numeric: true, format: num },
      { label: t('activity.index'), numeric: true, format: num },
    ],
    rows: d.activity.map((a) => [a.day, a.interactions, a.activeMembers, a.index]),
  };
}

export function cohortTable(d: DashboardResponse): TableSpec {
  return {
    id: 'retention-cohorts',
    title: t('cohorts.title'),
    columns: [
      { label: t('cohorts.cohort'), format: day },
      { label: t('cohorts.size'), numeric: true, format: num },
      ...d.cohorts.offsets.map((o) => ({ label: t('cohorts.week', { n: o }), numeric: true, format: pct })),
    ],
    rows: d.cohorts.rows.map((r) => [r.label, r.size, ...d.cohorts.offsets.map((_, i) => r.rates[i] ?? null)]),
  };
}

export function histogramTable(d: DashboardResponse): TableSpec {
  return {
    id: 'engagement-distribution',
    title: t('engagement.title'),
    columns: [{ label: t('engagement.scoreRange') }, { label: t('engagement.members'), numeric: true, format: num }],
    rows: d.engagement.histogram.map((n, i) => [decileLabel(i), n]),
  };
}

export function levelsTable(d: DashboardResponse): TableSpec {
  const order = Object.keys(LEVEL_KEYS);
  const levels = Object.entries(d.engagement.levels).sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  return {
    id: 'engagement-levels',
    title: t('engagement.levelsTitle'),
    columns: [{ label: t('engagement.level') }, { label: t('engagement.members'), numeric: true, format: num }],
    rows: levels.map(([level, n]) => [levelLabel(level), n]),
  };
}

export function qualityTable(d: DashboardResponse, site: string | null = null): TableSpec {
  return {
    id: 'content-quality-authors',
    title: t('quality.topAuthors'),
    columns: [
      { label: t('common.memberColumn') },
      { label: t('common.site'), format: (v) => (typeof v === 'string' ? siteHost(v) : '–') },
      { label: t('quality.score'), numeric: true, format: num },
      { label: t('quality.posts'), numeric: true, format: num },
    ],
    rows: d.quality.topAuthors.filter((a) => !site || a.site === site).map((a) => [memberName(a), a.site, a.score, a.posts]),
  };
}

export function contributorsTable(d: DashboardResponse, site: string | null = null): TableSpec {
  return {
    id: 'top-contributors',
    title: t('contributors.title'),
    columns: [
      { label: t('common.memberColumn') },
      { label: t('common.site'), format: (v) => (typeof v === 'string' ? siteHost(v) : '–') },
      { label: t('contributors.score'), numeric: true, format: num },
      { label: t('engagement.level') },
      { label: t('contributors.trend') },
    ],
    rows: d.topContributors
      .filter((m) => !site || m.site === site)
      .map((m) => [memberName(m), m.site, m.score, levelLabel(m.level), `${TREND_MARK[m.trend] ?? ''} ${trendLabel(m.trend)}`.trim()]),
  };
}

export function atRiskTable(d: DashboardResponse, site: string | null = null): TableSpec {
  return {
    id: 'members-at-risk',
    title: t('atRisk.title'),
    columns: [
      { label: t('common.memberColumn') },
      { label: t('common.site'), format: (v) => (typeof v === 'string' ? siteHost(v) : '–') },
      { label: t('atRisk.risk'), numeric: true, format: pct },
      { label: t('atRisk.lastActive'), format: when },
      { label: t('atRisk.reasons') },
    ],
    rows: d.atRisk
      .filter((m) => !site || m.site === site)
      .map((m) => [memberName(m), m.site, m.risk, m.lastActiveAt, m.reasons.map(reasonLine).join('; ')]),
  };
}

export function sentimentTable(d: DashboardResponse): TableSpec {
  return {
    id: 'sentiment',
    title: t('sentimentTrend.title'),
    columns: [
      { label: t('common.day'), format: day },
      { label: t('sentimentTrend.net'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v) : '–') },
      { label: t('sentimentTrend.posts'), numeric: true, format: num },
    ],
    rows: d.sentiment.map((s) => [s.day, s.net, s.posts]),
  };
}

export function alertsTable(alerts: readonly Alert[], who: (accountId: string | null) => string): TableSpec {
  return {
    id: 'alerts',
    title: t('alerts.title'),
    columns: [
      { label: t('alerts.opened'), format: when },
      { label: t('alerts.kindColumn') },
      { label: t('alerts.severityColumn') },
      { label: t('common.site'), format: (v) => (typeof v === 'string' ? siteHost(v) : '–') },
      { label: t('alerts.thread') },
      { label: t('common.memberColumn') },
      { label: t('alerts.statusColumn') },
      { label: t('alerts.acknowledgedAt'), format: when },
      { label: t('alerts.acknowledgedBy') },
      { label: t('alerts.resolvedAt'), format: when },
      { label: t('alerts.resolvedBy') },
      { label: t('alerts.details') },
    ],
    rows: alerts.map((a) => [
      a.openedAt,
      t(ALERT_KIND_KEYS[a.kind]),
      t(SEVERITY_KEYS[a.severity]),
      a.site,
      a.thread ? (a.thread.title ?? a.thread.id) : null,
      a.memberId ? memberName({ memberId: a.memberId, displayName: a.displayName, site: a.site }) : null,
      t(STATUS_KEYS[a.status]),
      a.acknowledgedAt,
      a.acknowledgedBy ? who(a.acknowledgedBy) : null,
      a.resolvedAt,
      a.resolvedBy ? who(a.resolvedBy) : null,
      alertDetails(a).join('; '),
    ]),
  };
}

/** A new community: nothing rolled up, nobody active, no cohorts. */
export function isEmptyCommunity(d: DashboardResponse): boolean {
  return (
    d.members === 0 ||
    (d.active.now.mau === 0 && d.active.previous.mau === 0 && d.activity.every((a) => a.interactions === 0) && d.cohorts.rows.length === 0)
  );
}
