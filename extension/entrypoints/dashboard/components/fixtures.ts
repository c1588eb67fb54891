/**
 * Test data for the popup and dashboard tests (imported by tests only, never bundled):
 * a community with a month of activity, and a fake API.
 */
import { vi } from 'vitest';
import type { Alert } from '../../../../shared/schemas/alerts';
import type { BreakdownResponse, BreakdownRow, DashboardResponse } from '../../../../shared/schemas/dashboard';
import type { ApiCall } from '../../../lib/api';
import type { BreakdownQuery, DashboardRange, PulseApi } from '../../../lib/dashboard-api';
import type { Session } from '../../../lib/session';

export const SITE = 'https://forum.example';
export const OTHER_SITE = 'https://qa.example';

export function session(role: Session['role'] = 'owner', extra: Partial<Session> = {}): Session {
  return {
    token: 'cp_tok',
    accountId: 'acct-self',
    role,
    community: {
      id: 7,
      name: '数据学习社 Data Study',
      sites: [
        { id: 1, origin: SITE, engine: 'discourse', selectors: null },
        { id: 2, origin: OTHER_SITE, engine: 'discourse', selectors: null },
      ],
      settings: { memberScores: true },
    },
    joinedAt: '2026-10-01T00:00:00Z',
    revokedAt: null,
    ...extra,
  };
}

const days = (n: number, end = '2026-11-20') =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(`${end}T00:00:00Z`) - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));

export function fullDashboard(range: DashboardRange = 7): DashboardResponse {
  return {
    community: { id: 7, name: '数据学习社 Data Study', memberScores: true },
    range,
    generatedAt: '2026-11-20T09:00:00.000Z',
    rolledUpAt: Date.parse('2026-11-20T03:00:00Z'),
    members: 120,
    active: {
      now: { dau: 23, wau: 61, mau: 98, averageDau: 19.5, stickiness: 0.199 },
      previous: { dau: 20, wau: 64, mau: 90, averageDau: 16.2, stickiness: 0.18 },
    },
    activity: days(range).map((day, i) => ({ day, interactions: 40 + i * 3, activeMembers: 15 + (i % 4), index: (40 + i * 3) / 120 })),
    cohorts: {
      offsets: [0, 1, 2, 3],
      rows: [
        { label: '2026-10-26', size: 12, rates: [1, 0.5, 0.25, 0.0833] },
        { label: '2026-11-02', size: 9, rates: [1, 0.4444, 0.3333, null] },
        { label: '2026-11-09', size: 14, rates: [1, 0.7143, null, null] },
      ],
    },
    engagement: { histogram: [30, 22, 18, 14, 10, 9, 7, 5, 3, 2], levels: { newcomer: 40, regular: 50, core: 12, at_risk: 10, lapsed: 8 } },
    quality: {
      posts: 310,
      meanScore: 41.7,
      topAuthors: [
        { memberId: 'a'.repeat(32), displayName: 'mei', site: SITE, score: 71.2, posts: 14 },
        { memberId: 'b'.repeat(32), displayName: '=HYPERLINK("http://evil")', site: OTHER_SITE, score: 66, posts: 9 },
      ],
    },
    topContributors: [
      { memberId: 'a'.repeat(32), displayName: 'mei', site: SITE, score: 88, level: 'core', trend: 'up' },
      { memberId: 'c'.repeat(32), displayName: '张伟, "Zhang"', site: SITE, score: 75, level: 'core', trend: 'flat' },
      { memberId: 'd'.repeat(32), displayName: null, site: OTHER_SITE, score: 64, level: 'regular', trend: 'down' },
    ],
    atRisk: [
      {
        memberId: 'e'.repeat(32),
        displayName: 'bob',
        site: SITE,
        risk: 0.82,
        level: 'at_risk',
        lastActiveAt: '2026-10-25T10:00:00.000Z',
        reasons: [
          { feature: 'daysSinceActive', direction: 'raises', value: 26, typical: 4 },
          { feature: 'someNewFeature', direction: 'raises', value: 3, typical: 1 },
        ],
      },
      { memberId: 'f'.repeat(32), displayName: 'li', site: OTHER_SITE, risk: null, level: 'at_risk', lastActiveAt: null, reasons: [] },
    ],
    sentiment: [],
  };
}

export function emptyDashboard(range: DashboardRange = 30): DashboardResponse {
  const zero = { dau: 0, wau: 0, mau: 0, averageDau: 0, stickiness: null };
  return {
    ...fullDashboard(range),
    rolledUpAt: null,
    members: 0,
    active: { now: zero, previous: zero },
    activity: days(range).map((day) => ({ day, interactions: 0, activeMembers: 0, index: null })),
    cohorts: { offsets: [0, 1, 2], rows: [] },
    engagement: { histogram: new Array(10).fill(0), levels: {} },
    quality: { posts: 0, meanScore: null, topAuthors: [] },
    topContributors: [],
    atRisk: [],
    sentiment: [],
  };
}

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    kind: 'heated_thread',
    severity: 'warning',
    site: SITE,
    thread: { id: '4242', title: '<b>SQL</b> window functions 窗口函数', url: `${SITE}/t/sql/4242` },
    memberId: null,
    displayName: null,
    details: { negativeShare: 0.6, baseline: 0.1, z: 3.2, posts: 14 },
    openedAt: '2026-11-20T11:15:00.000Z',
    status: 'open',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ...over,
  };
}

export const ALERTS: Alert[] = [
  alert(),
  alert({
    id: 'al-2',
    kind: 'pile_on',
    severity: 'critical',
    thread: { id: '77', title: null, url: 'javascript:alert(1)' },
    memberId: 'c'.repeat(32),
    displayName: '张伟',
    details: { replies: 23, authors: 9, threads: 1 },
    status: 'acknowledged',
    acknowledgedAt: '2026-11-20T11:40:00.000Z',
    acknowledgedBy: 'acct-mod',
  }),
  alert({ id: 'al-3', kind: 'new_account_burst', severity: 'info', site: OTHER_SITE, thread: null, details: { accounts: 6, posts: 18 } }),
];

const ok = <T,>(data: T): Promise<ApiCall<T>> => Promise.resolve({ ok: true, data });

const row = (over: Partial<BreakdownRow> & { key: string }): BreakdownRow => ({
  title: null,
  site: null,
  url: null,
  threads: 1,
  posts: 1,
  authors: 1,
  scored: 0,
  negativeShare: null,
  openAlerts: 0,
  ...over,
});

/** What the Worker's drill-down answers for the fake community. */
export function breakdownOf(range: DashboardRange, q: BreakdownQuery): BreakdownResponse {
  const rows: Record<BreakdownQuery['by'], BreakdownRow[]> = {
    site: [row({ key: SITE, site: SITE, threads: 40, posts: 260, authors: 70, scored: 120, negativeShare: 0.125, openAlerts: 2 }), row({ key: OTHER_SITE, site: OTHER_SITE, threads: 9, posts: 50, authors: 20, openAlerts: 1 })],
    category: [row({ key: 'SQL 数据库', threads: 12, posts: 140, authors: 33, scored: 60, negativeShare: 0.2, openAlerts: 1 }), row({ key: '', threads: 3, posts: 9, authors: 4 })],
    tag: [row({ key: 'window-functions', threads: 5, posts: 70, authors: 21 }), row({ key: '=cmd|calc', threads: 1, posts: 2, authors: 2 })],
    thread: [
      row({ key: '4242', site: SITE, title: '<b>SQL</b> window functions 窗口函数', url: `${SITE}/t/sql/4242`, threads: 1, posts: 48, authors: 15, scored: 30, negativeShare: 0.6, openAlerts: 1 }),
      row({ key: '77', site: SITE, title: null, url: 'javascript:alert(1)', posts: 12, authors: 6 }),
    ],
  };
  return { range, by: q.by, filter: { site: q.site ?? null, category: q.category ?? null, tag: q.tag ?? null }, rows: rows[q.by] };
}

/** A fake Worker: each method a vi.fn, answering the given data (override per test). */
export function fakeApi(over: Partial<Record<keyof PulseApi, unknown>> = {}) {
  let alerts = ALERTS.map((a) => ({ ...a }));
  const act = (id: string, status: 'acknowledged' | 'resolved') => {
    const a = alerts.find((x) => x.id === id)!;
    const at = '2026-11-20T12:30:00.000Z';
    Object.assign(a, status === 'acknowledged' ? { status, acknowledgedAt: at, acknowledgedBy: 'acct-self' } : { status, resolvedAt: at, resolvedBy: 'acct-self' });
    return ok({ ...a });
  };
  const api = {
    dashboard: vi.fn((range: DashboardRange) => ok(fullDashboard(range))),
    breakdown: vi.fn((range: DashboardRange, q: BreakdownQuery) => ok(breakdownOf(range, q))),
    alerts: vi.fn(() => ok({ alerts: alerts.filter((a) => a.status !== 'resolved'), open: alerts.filter((a) => a.status !== 'resolved').length })),
    acknowledge: vi.fn((id: string) => act(id, 'acknowledged')),
    resolve: vi.fn((id: string) => act(id, 'resolved')),
    accounts: vi.fn(() =>
      ok([
        { id: 'acct-mod', role: 'moderator' as const, label: 'Ana (moderator)', createdAt: '2026-10-02T00:00:00Z', revokedAt: null, lastSeenAt: null, identities: 1 },
      ]),
    ),
    reset: () => {
      alerts = ALERTS.map((a) => ({ ...a }));
    },
    ...over,
  };
  return api as typeof api & PulseApi;
}

/** A fake uPlot (jsdom has no canvas): records what each chart was given. */
export const charts: Array<{ opts: { series: Array<{ label?: string }> }; data: unknown[] }> = [];
export class FakeUPlot {
  static paths = { bars: () => () => null };
  constructor(opts: { series: Array<{ label?: string }> }, data: unknown[]) {
    charts.push({ opts, data });
  }
  setSize() {}
  destroy() {}
}
