import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dashboardResponseSchema } from '../../../shared/schemas/dashboard';
import { alertsResponseSchema } from '../../../shared/schemas/alerts';
import type { DashboardRange } from '../../lib/dashboard-api';
import { setLanguage } from '../../lib/i18n';
import type { OutboxSummary } from '../../lib/outbox';
import type { Session } from '../../lib/session';
import { ALERTS, charts, emptyDashboard, fakeApi, fullDashboard, session } from '../dashboard/components/fixtures';
import { dashboardCacheItem, rangeItem } from '../dashboard/components/usePulse';
import { PopupApp, type PopupDeps } from './PopupApp';

// Dates in the assertions are UTC days, whatever the machine's time zone.
process.env.TZ = 'UTC';

vi.mock('uplot', async () => ({ default: (await import('../dashboard/components/fixtures')).FakeUPlot }));

const outbox = (over: Partial<OutboxSummary> = {}): OutboxSummary => ({
  pending: 0,
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  lastSentAt: Date.parse('2026-11-20T12:00:00Z'),
  sent: 1234,
  dropped: 0,
  rejected: 0,
  ...over,
});

const WORKER = 'http://127.0.0.1:8787';

function deps(s: Session | null, api = fakeApi(), over: Partial<OutboxSummary> = {}) {
  const reply = { ok: true as const, outbox: outbox(over), workerUrl: WORKER, session: s };
  const d: PopupDeps = {
    status: vi.fn(async () => reply),
    flush: vi.fn(async () => reply),
    api: vi.fn(() => api),
    openOptions: vi.fn(),
    openDashboard: vi.fn(),
  };
  return { deps: d, api };
}

let box: HTMLElement;
async function settle(times = 6) {
  for (let i = 0; i < times; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}
async function mount(d: PopupDeps) {
  await act(async () => render(<PopupApp deps={d} />, box));
  await settle();
}
const text = () => box.textContent ?? '';
const byTestId = (id: string) => box.querySelector(`[data-testid="${id}"]`);
const button = (name: string | RegExp) =>
  [...box.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent === name || b.getAttribute('aria-label') === name : name.test(b.getAttribute('aria-label') ?? b.textContent ?? '')));

beforeEach(async () => {
  fakeBrowser.reset();
  charts.length = 0;
  await setLanguage('en');
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(async () => {
  await act(async () => render(null, box));
  await settle(2);
  box.remove();
});

describe('the fake API', () => {
  it('answers what the Worker schemas allow', () => {
    for (const r of [7, 30, 90] as DashboardRange[]) {
      expect(dashboardResponseSchema.safeParse(fullDashboard(r)).success).toBe(true);
      expect(dashboardResponseSchema.safeParse(emptyDashboard(r)).success).toBe(true);
    }
    expect(alertsResponseSchema.safeParse({ alerts: ALERTS, open: 3 }).success).toBe(true);
  });
});

describe('PopupApp', () => {
  it('loading: says so while the background and then the Worker answer', async () => {
    let answer!: (v: unknown) => void;
    const pending = new Promise((r) => (answer = r));
    const api = fakeApi({ dashboard: vi.fn(() => pending), alerts: vi.fn(() => pending) });
    const { deps: d } = deps(session('owner'), api);
    const status = d.status;
    d.status = vi.fn(() => new Promise((r) => setTimeout(() => r(status()), 5))) as PopupDeps['status'];
    await act(async () => render(<PopupApp deps={d} />, box));
    expect(box.querySelector('[role="status"]')?.textContent).toBe('Loading…');
    await settle();
    expect(byTestId('pulse-loading')?.textContent).toBe('Loading the community’s pulse…'.replace('’', "'"));
    expect(byTestId('pulse-loading')?.getAttribute('role')).toBe('status');
    expect(text()).toContain('Loading alerts…');
    expect(box.querySelector('[aria-busy="true"]')).not.toBeNull();
    // Delivery is there at once.
    expect(byTestId('outbox-pending')?.textContent).toBe('0 events');
    expect(byTestId('role')?.textContent).toBe('owner');
    answer({ ok: false, status: null, code: 'unreachable', error: 'x' });
  });

  it('error: the Worker is unreachable, says where, and retries on request', async () => {
    const fail = { ok: false as const, status: null, code: 'unreachable', error: 'Worker unreachable at http://127.0.0.1:8787 (fetch failed)' };
    const api = fakeApi({ dashboard: vi.fn(async () => fail), alerts: vi.fn(async () => fail) });
    const { deps: d } = deps(session('owner'), api);
    await mount(d);
    const error = byTestId('pulse-error')!;
    expect(error.querySelector('[role="alert"]')!.textContent).toBe(
      'Cannot reach the Worker at http://127.0.0.1:8787. Check that it is running and that the address in Settings is right.',
    );
    await act(async () => button('Try again')!.click());
    await settle();
    expect(api.dashboard).toHaveBeenCalledTimes(2);
  });

  it('error after a cached copy: keeps the saved numbers and says they could not be refreshed', async () => {
    await dashboardCacheItem.setValue({ communityId: 7, ranges: { '30': { data: fullDashboard(30), fetchedAt: Date.parse('2026-11-19T12:00:00Z') } } });
    const api = fakeApi({ dashboard: vi.fn(async () => ({ ok: false as const, status: null, code: 'unreachable', error: 'down' })) });
    await mount(deps(session('owner'), api).deps);
    expect(box.querySelector('[data-metric="dau"] .tile-value')!.textContent).toBe('23');
    expect(text()).toContain('Could not refresh (Cannot reach the Worker at http://127.0.0.1:8787.');
    expect(text()).toContain('Saved Nov 19');
  });

  it('empty: a new community says there is nothing yet, and why', async () => {
    const api = fakeApi({ dashboard: vi.fn(async (r: DashboardRange) => ({ ok: true as const, data: emptyDashboard(r) })), alerts: vi.fn(async () => ({ ok: true as const, data: { alerts: [], open: 0 } })) });
    await mount(deps(session('owner'), api).deps);
    const empty = byTestId('pulse-empty')!;
    expect(empty.textContent).toContain('No activity yet');
    expect(empty.textContent).toContain('after the first daily roll-up');
    expect(text()).toContain('No open alerts.');
    expect(box.querySelector('.tiles')).toBeNull();
  });

  it('full: every part of the pulse, as text', async () => {
    const { deps: d, api } = deps(session('owner'));
    await mount(d);
    expect(api.dashboard).toHaveBeenCalledWith(30);
    // Active members, with the change as symbol + signed number + a sentence.
    const dau = box.querySelector('[data-metric="dau"]')!;
    expect(dau.querySelector('.tile-value')!.textContent).toBe('23');
    expect(dau.querySelector('[aria-hidden="true"]')!.textContent).toBe('▲ +3 (+15%)');
    expect(dau.querySelector('.sr-only')!.textContent).toBe('up +3 (+15%) from 20');
    expect(box.querySelector('[data-metric="wau"] .sr-only')!.textContent).toBe('down -3 (-5%) from 64');
    expect(box.querySelector('[data-metric="stickiness"] .tile-value')!.textContent).toBe('19.9%');
    // Activity: a chart with the range's days, and its numbers on demand.
    const activityChart = charts.find((c) => c.opts.series[1]?.label === 'Interactions per member')!;
    expect((activityChart.data[0] as number[]).length).toBe(30);
    expect(box.querySelector('#part-activity [role="img"]')!.getAttribute('aria-label')).toMatch(/^Line chart: interactions per member/);
    const show = box.querySelector<HTMLButtonElement>('#part-activity button[aria-expanded]')!;
    expect(show.textContent).toBe('Show the numbers');
    await act(async () => show.click());
    expect(show.getAttribute('aria-expanded')).toBe('true');
    expect(box.querySelectorAll('#part-activity table tbody tr')).toHaveLength(30);
    // Retention heatmap: the percentage is printed in each cell.
    const cells = [...box.querySelectorAll('table.heatmap tbody tr:first-child td')].map((c) => c.textContent);
    expect(cells).toEqual(['12', '100%', '50%', '25%', '8%']);
    expect(box.querySelector('table.heatmap tbody tr:last-child td:last-child .sr-only')!.textContent).toBe('not yet');
    // Summaries readable with the parts closed.
    expect(box.querySelector('#part-engagement summary')!.textContent).toContain('newcomer 40 · regular 50 · core 12 · at risk 10 · lapsed 8');
    expect(box.querySelector('#part-quality summary')!.textContent).toContain('mean 42 / 100');
    expect(byTestId('sentiment-empty')!.textContent).toBe('No data yet. The trend appears once posts have been scored for sentiment.');
    expect(box.querySelector('#part-sentiment summary')!.textContent).toContain('no data yet');
    expect([...box.querySelectorAll('#part-contributors li .name')].map((n) => n.textContent)).toEqual(['mei', '张伟, "Zhang"', 'member dddddddd']);
    const risk = box.querySelector('#part-at-risk li')!;
    expect(risk.textContent).toContain('bob');
    expect(risk.textContent).toContain('82% risk');
    expect([...risk.querySelectorAll('.reasons li')].map((l) => l.textContent)).toEqual([
      'No activity for 26 days (typical 4)',
      'someNewFeature: 3 (typical 1)',
    ]);
    expect(box.querySelector('#part-at-risk summary')!.textContent).toContain('2 members');
  });

  it('alerts: lists them as text, and acknowledges / resolves with who and when', async () => {
    const { deps: d, api } = deps(session('owner'));
    await mount(d);
    const items = box.querySelectorAll('.alerts > li');
    expect(items).toHaveLength(3);
    expect(box.querySelector('#alerts-heading')!.textContent).toContain('3 open');
    // Titles from data are text; only http(s) URLs become links.
    expect(items[0]!.querySelector('a')!.textContent).toBe('<b>SQL</b> window functions 窗口函数');
    expect(items[0]!.querySelector('b')).toBeNull();
    expect(items[1]!.querySelector('a')).toBeNull();
    expect(items[0]!.querySelector('.alert-details')!.textContent).toBe('Negative share: 60% · Usual share: 10% · z-score: 3.2 · Posts: 14');
    expect(items[0]!.querySelector('.severity')!.textContent).toBe('⚠ warning');
    // Who acknowledged: the owner sees the account's label.
    expect(items[1]!.querySelector('[data-testid="acknowledged"]')!.textContent).toMatch(/^acknowledged by Ana \(moderator\), Nov 20/);
    expect(items[1]!.querySelectorAll('button')).toHaveLength(1);

    await act(async () => button('Acknowledge: Heated thread, <b>SQL</b> window functions 窗口函数')!.click());
    await settle();
    expect(api.acknowledge).toHaveBeenCalledWith('al-1');
    const first = box.querySelector('[data-alert="al-1"]')!;
    expect(first.querySelector('[data-testid="acknowledged"]')!.textContent).toMatch(/^acknowledged by you, Nov 20/);

    await act(async () => button(/^Resolve: Pile-on/)!.click());
    await settle();
    expect(api.resolve).toHaveBeenCalledWith('al-2');
    expect(box.querySelector('[data-alert="al-2"]')).toBeNull();
    expect(box.querySelector('#alerts-heading')!.textContent).toContain('2 open');
  });

  it('says when an action fails', async () => {
    const api = fakeApi({ acknowledge: vi.fn(async () => ({ ok: false as const, status: 409, code: 'conflict', error: '409 conflict: already resolved' })) });
    await mount(deps(session('owner'), api).deps);
    await act(async () => button(/^Acknowledge: Heated thread/)!.click());
    await settle();
    expect([...box.querySelectorAll('[role="alert"]')].map((e) => e.textContent)).toContain('Could not acknowledge the alert: 409 conflict: already resolved');
  });

  it('paints the cached pulse first, then the fresh one', async () => {
    const cached = fullDashboard(30);
    cached.active.now.dau = 5;
    await dashboardCacheItem.setValue({ communityId: 7, ranges: { '30': { data: cached, fetchedAt: Date.parse('2026-11-19T12:00:00Z') } } });
    let answer!: () => void;
    const api = fakeApi({
      dashboard: vi.fn(() => new Promise((r) => (answer = () => r({ ok: true, data: fullDashboard(30) })))),
    });
    await mount(deps(session('owner'), api).deps);
    expect(box.querySelector('[data-metric="dau"] .tile-value')!.textContent).toBe('5');
    expect(box.querySelector('.freshness')!.textContent).toMatch(/^Showing the numbers saved Nov 19.*loading fresh ones…/);
    await act(async () => answer());
    await settle();
    expect(box.querySelector('[data-metric="dau"] .tile-value')!.textContent).toBe('23');
    expect(box.querySelector('.freshness')!.textContent).toMatch(/^Updated /);
    expect((await dashboardCacheItem.getValue())!.ranges['30']!.data.active.now.dau).toBe(23);
  });

  it('switches the range with the keyboard-operable radio group, and remembers it', async () => {
    const { deps: d, api } = deps(session('owner'));
    await mount(d);
    const radios = [...box.querySelectorAll<HTMLInputElement>('fieldset.range input[type="radio"]')];
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual(['7 dlast 7 days', '30 dlast 30 days', '90 dlast 90 days']);
    expect(radios[1]!.checked).toBe(true);
    await act(async () => radios[2]!.click());
    await settle();
    expect(api.dashboard).toHaveBeenLastCalledWith(90);
    expect(await rangeItem.getValue()).toBe(90);
  });

  it('moderators see the alerts only; members their delivery only', async () => {
    const mod = deps(session('moderator'));
    await mount(mod.deps);
    expect(mod.api.dashboard).not.toHaveBeenCalled();
    expect(mod.api.accounts).not.toHaveBeenCalled();
    expect(box.querySelectorAll('.alerts > li')).toHaveLength(3);
    // A moderator sees an account id, not a name, for someone else.
    expect(box.querySelector('[data-alert="al-2"] [data-testid="acknowledged"]')!.textContent).toMatch(/^acknowledged by account acct-mod/);
    expect(box.querySelector('.tiles')).toBeNull();
    expect(button('Full dashboard')).toBeDefined();

    render(null, box);
    const member = deps(session('member'));
    await mount(member.deps);
    expect(member.api.dashboard).not.toHaveBeenCalled();
    expect(member.api.alerts).not.toHaveBeenCalled();
    expect(box.querySelector('#alerts-heading')).toBeNull();
    expect(byTestId('role')!.textContent).toBe('member');
    expect(byTestId('outbox-pending')!.textContent).toBe('0 events');
    expect(button('Full dashboard')).toBeUndefined();
  });

  it('a revoked browser: the revocation is the first alert, and nothing is fetched', async () => {
    const { deps: d, api } = deps(session('owner', { revokedAt: '2026-11-20T08:00:00Z' }), fakeApi(), { lastError: '401 token_revoked: revoked' });
    await mount(d);
    expect(box.querySelector('[role="alert"]')!.textContent).toBe('Your access to 数据学习社 Data Study was revoked. Ask its owner for a new invite.');
    expect(api.dashboard).not.toHaveBeenCalled();
    expect(api.alerts).not.toHaveBeenCalled();
  });

  it('delivery: counts, failures and "send now"', async () => {
    const { deps: d } = deps(session('member'), fakeApi(), { pending: 2, dropped: 3, rejected: 1 });
    await mount(d);
    expect(byTestId('outbox-pending')!.textContent).toBe('2 events');
    expect(text()).toContain('1,234 events (last Nov 20');
    expect(byTestId('outbox-dropped')!.textContent).toBe('3 events: the outbox was full while the Worker was unreachable');
    await act(async () => button('Send now')!.click());
    expect(d.flush).toHaveBeenCalled();
  });

  it('delivery: follows the outbox while open (events dropped during an outage show up)', async () => {
    const { deps: d } = deps(session('member'));
    const later = { ok: true as const, outbox: outbox({ pending: 1, dropped: 5 }), workerUrl: WORKER, session: session('member') };
    const first = d.status;
    let calls = 0;
    d.status = vi.fn(async () => (++calls === 1 ? first() : later)) as PopupDeps['status'];
    await act(async () => render(<PopupApp deps={d} refreshMs={20} />, box));
    await settle();
    expect(byTestId('outbox-dropped')).toBeNull();
    await vi.waitFor(
      async () => {
        await settle(1);
        expect(byTestId('outbox-pending')!.textContent).toBe('1 event');
      },
      { timeout: 3000, interval: 20 },
    );
    expect(byTestId('outbox-dropped')!.textContent).toBe('5 events: the outbox was full while the Worker was unreachable');
  });

  it('speaks Chinese when chosen: text, numbers and dates', async () => {
    await setLanguage('zh_CN');
    const { deps: d } = deps(session('owner'));
    await mount(d);
    expect(byTestId('role')!.textContent).toBe('所有者');
    expect(box.querySelector('#pulse-heading')!.textContent).toBe('社区脉搏');
    expect(box.querySelector('[data-metric="dau"] .tile-label')!.textContent).toBe('日活跃');
    expect(box.querySelector('[data-metric="dau"] .sr-only')!.textContent).toBe('比 20 上升 +3 (+15%)');
    expect(box.querySelector('#part-at-risk .reasons li')!.textContent).toBe('26 天没有活动（一般 4 天）');
    expect(byTestId('outbox-pending')!.textContent).toBe('0 个事件');
    expect(box.querySelector('[data-alert="al-1"] .alert-meta')!.textContent).toMatch(/^发起于 11月20日/);
  });
});
