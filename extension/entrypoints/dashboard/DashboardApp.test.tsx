import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { breakdownResponseSchema } from '../../../shared/schemas/dashboard';
import type { BreakdownQuery, DashboardRange } from '../../lib/dashboard-api';
import { setLanguage } from '../../lib/i18n';
import type { Session } from '../../lib/session';
import { breakdownTable } from './components/breakdown-table';
import { breakdownOf, fakeApi, OTHER_SITE, session, SITE } from './components/fixtures';
import { tableCsv } from './csv';
import { DashboardApp, type DashboardDeps } from './DashboardApp';

process.env.TZ = 'UTC';
vi.mock('uplot', async () => ({ default: (await import('./components/fixtures')).FakeUPlot }));

let box: HTMLElement;
async function settle(times = 6) {
  for (let i = 0; i < times; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}
function deps(s: Session | null, api = fakeApi()): DashboardDeps {
  return { session: async () => s, workerUrl: async () => 'http://127.0.0.1:8787', api: vi.fn(() => api), openOptions: vi.fn() };
}
async function mount(d: DashboardDeps) {
  await act(async () => render(<DashboardApp deps={d} />, box));
  await settle();
}
const part = () => box.querySelector('#part-breakdown')!;
const firstCells = () => [...part().querySelectorAll('tbody th')].map((c) => c.textContent);

beforeEach(async () => {
  fakeBrowser.reset();
  await setLanguage('en');
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(async () => {
  await act(async () => render(null, box));
  await settle(2);
  box.remove();
});

describe('the fake drill-down', () => {
  it('answers what the Worker schema allows', () => {
    for (const by of ['site', 'category', 'tag', 'thread'] as const) expect(breakdownResponseSchema.safeParse(breakdownOf(30, { by })).success).toBe(true);
  });
});

describe('DashboardApp', () => {
  it('owners: the pulse, then the drill-down by site with its numbers as text', async () => {
    const api = fakeApi();
    await mount(deps(session('owner'), api));
    expect(box.querySelector('h1')!.textContent).toBe('数据学习社 Data Study: community pulse');
    expect(box.querySelector('#part-active')).not.toBeNull();
    expect(api.breakdown).toHaveBeenCalledWith(30, { by: 'site' });
    expect(part().querySelector('caption')!.textContent).toBe('Posts by site');
    expect(firstCells()).toEqual(['forum.example', 'qa.example']);
    expect([...part().querySelectorAll('tbody tr:first-child td')].map((c) => c.textContent)).toEqual(['40', '260', '70', '13%', '2', 'Threads']);
    expect(part().querySelector<HTMLButtonElement>('tbody tr:first-child button')!.getAttribute('aria-label')).toBe('Show the threads of forum.example');
  });

  it('drills from a category to its threads and back, by keyboard-operable controls', async () => {
    const api = fakeApi();
    await mount(deps(session('owner'), api));
    const select = part().querySelector<HTMLSelectElement>('select')!;
    expect(select.closest('label')!.textContent).toMatch(/^Group by/);
    select.value = 'category';
    await act(async () => void select.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(api.breakdown).toHaveBeenLastCalledWith(30, { by: 'category' });
    expect(firstCells()).toEqual(['SQL 数据库', '(no category)']);

    await act(async () => part().querySelector<HTMLButtonElement>('tbody tr:first-child button')!.click());
    await settle();
    expect(api.breakdown).toHaveBeenLastCalledWith(30, { by: 'thread', category: 'SQL 数据库' });
    expect(box.querySelector('[data-testid="breakdown-scope"]')!.textContent).toBe('Threads in the category “SQL 数据库”');
    // Thread titles are text; only http(s) addresses become links.
    expect(firstCells()).toEqual(['<b>SQL</b> window functions 窗口函数', 'Thread 77']);
    expect(part().querySelector('tbody b')).toBeNull();
    const links = [...part().querySelectorAll('tbody a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([`${SITE}/t/sql/4242`]);
    expect(links[0]!.getAttribute('aria-label')).toBe('Open the thread “<b>SQL</b> window functions 窗口函数” in a new tab');

    await act(async () => [...part().querySelectorAll('button')].find((b) => b.textContent === 'All')!.click());
    await settle();
    expect(api.breakdown).toHaveBeenLastCalledWith(30, { by: 'category' });
  });

  it('the page’s site filter narrows the drill-down', async () => {
    const api = fakeApi();
    await mount(deps(session('owner'), api));
    const select = box.querySelector<HTMLSelectElement>('.site-filter select')!;
    select.value = OTHER_SITE;
    await act(async () => void select.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(api.breakdown).toHaveBeenLastCalledWith(30, { by: 'site', site: OTHER_SITE });
  });

  it('says when the drill-down cannot load, and retries', async () => {
    const breakdown = vi.fn(async () => ({ ok: false as const, status: null, code: 'unreachable', error: 'down' }));
    await mount(deps(session('owner'), fakeApi({ breakdown })));
    expect(part().querySelector('[role="alert"]')!.textContent).toMatch(/^Cannot reach the Worker at http:\/\/127\.0\.0\.1:8787/);
    await act(async () => [...part().querySelectorAll('button')].find((b) => b.textContent === 'Try again')!.click());
    await settle();
    expect(breakdown).toHaveBeenCalledTimes(2);
  });

  it('exports each drill-down as CSV: raw values, formulas neutralised', () => {
    const csv = (q: BreakdownQuery, range: DashboardRange = 30) => tableCsv(breakdownTable(breakdownOf(range, q)));
    expect(csv({ by: 'site' }).split('\r\n')).toEqual([
      'site,Threads,Posts,Authors,Negative share,Open alerts',
      `${SITE},40,260,70,0.125,2`,
      `${OTHER_SITE},9,50,20,,1`,
      '',
    ]);
    expect(csv({ by: 'tag' })).toContain("\r\n'=cmd|calc,1,2,2,,0\r\n");
    expect(csv({ by: 'thread', category: 'SQL' }).split('\r\n')[1]).toBe(`<b>SQL</b> window functions 窗口函数,${SITE},48,15,0.6,1`);
    expect(breakdownTable(breakdownOf(30, { by: 'thread', category: 'SQL 数据库' })).id).toBe('breakdown-thread-SQL_数据库');
  });

  it('moderators get the alerts without the owners’ pulse and drill-down; members a pointer to the options', async () => {
    const api = fakeApi();
    await mount(deps(session('moderator'), api));
    expect(box.querySelectorAll('.alerts > li')).toHaveLength(3);
    expect(box.querySelector('#part-breakdown')).toBeNull();
    expect(api.breakdown).not.toHaveBeenCalled();
    expect(api.dashboard).not.toHaveBeenCalled();
    await act(async () => render(null, box));
    await mount(deps(session('member')));
    expect(box.textContent).toContain('The dashboard is for the community');
  });

  it('in Chinese when chosen', async () => {
    await setLanguage('zh_CN');
    await mount(deps(session('owner')));
    expect(part().querySelector('h2')!.textContent).toBe('深入查看');
    expect(part().querySelector('caption')!.textContent).toBe('按站点统计的帖子');
  });
});
