import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import type { Alert } from '../../../../shared/schemas/alerts';
import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import type { DashboardRange, PulseApi } from '../../../lib/dashboard-api';
import { alertsCacheItem, type AlertsCache } from '../../../lib/alerts-cache';
import { t } from '../../../lib/i18n';

/**
 * The last answers, per community, for the first paint: the popup opens on what it showed
 * last time (marked as such) while fresh data loads.
 */
type Cached<T> = { data: T; fetchedAt: number };
export type DashboardCache = { communityId: number; ranges: Partial<Record<string, Cached<DashboardResponse>>> };

export const dashboardCacheItem = storage.defineItem<DashboardCache | null>('local:pulseCache.dashboard', { fallback: null, version: 1 });
export { type AlertsCache, alertsCacheItem };
/** The range last chosen, shared by the popup and the dashboard page. */
export const rangeItem = storage.defineItem<DashboardRange>('local:dashboardRange', { fallback: 30, version: 1 });

export type LoadError = { code: string | null; status: number | null; message: string };

export interface Loaded<T> {
  data: T | null;
  /** When `data` was fetched (epoch ms). */
  fetchedAt: number | null;
  /** `data` is the cached copy; a fresh one is loading or failed. */
  fromCache: boolean;
  loading: boolean;
  error: LoadError | null;
}

const initial = <T>(): Loaded<T> => ({ data: null, fetchedAt: null, fromCache: false, loading: true, error: null });

/** The owner's dashboard for a range: cache first, then the Worker. */
export function useDashboard(api: PulseApi | null, communityId: number | null, range: DashboardRange, enabled: boolean) {
  const [state, setState] = useState<Loaded<DashboardResponse>>(initial);
  const seq = useRef(0);

  const load = useCallback(async () => {
    if (!api || communityId === null || !enabled) return;
    const mine = ++seq.current;
    const cache = await dashboardCacheItem.getValue();
    const cached = cache?.communityId === communityId ? cache.ranges[String(range)] : undefined;
    if (mine !== seq.current) return;
    setState(
      cached
        ? { data: cached.data, fetchedAt: cached.fetchedAt, fromCache: true, loading: true, error: null }
        : { data: null, fetchedAt: null, fromCache: false, loading: true, error: null },
    );
    const res = await api.dashboard(range);
    if (mine !== seq.current) return;
    if (!res.ok) {
      setState((s) => ({ ...s, loading: false, error: { code: res.code, status: res.status, message: res.error } }));
      return;
    }
    const fetchedAt = Date.now();
    setState({ data: res.data, fetchedAt, fromCache: false, loading: false, error: null });
    const latest = await dashboardCacheItem.getValue();
    const ranges = latest?.communityId === communityId ? latest.ranges : {};
    await dashboardCacheItem.setValue({ communityId, ranges: { ...ranges, [String(range)]: { data: res.data, fetchedAt } } });
  }, [api, communityId, range, enabled]);

  useEffect(() => {
    void load();
  }, [load]);
  return { ...state, reload: load };
}

/** Open alerts with acknowledge / resolve; cache first, then the Worker. */
export function useAlerts(api: PulseApi | null, communityId: number | null, enabled: boolean) {
  const [state, setState] = useState<Loaded<Alert[]>>(initial);
  const [open, setOpen] = useState(0);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    if (!api || communityId === null || !enabled) return;
    const mine = ++seq.current;
    const cache = await alertsCacheItem.getValue();
    if (mine !== seq.current) return;
    if (cache?.communityId === communityId) {
      setState({ data: cache.data.alerts, fetchedAt: cache.fetchedAt, fromCache: true, loading: true, error: null });
      setOpen(cache.data.open);
    } else {
      setState({ data: null, fetchedAt: null, fromCache: false, loading: true, error: null });
    }
    const res = await api.alerts({ status: 'open' });
    if (mine !== seq.current) return;
    if (!res.ok) {
      setState((s) => ({ ...s, loading: false, error: { code: res.code, status: res.status, message: res.error } }));
      return;
    }
    const fetchedAt = Date.now();
    setState({ data: res.data.alerts, fetchedAt, fromCache: false, loading: false, error: null });
    setOpen(res.data.open);
    await alertsCacheItem.setValue({ communityId, data: res.data, fetchedAt });
  }, [api, communityId, enabled]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Acknowledges or resolves; the list shows who and when at once, then reloads. */
  const act = useCallback(
    async (id: string, action: 'ack' | 'resolve') => {
      if (!api) return;
      setBusy((b) => new Set([...b, id]));
      setActionError(null);
      const res = action === 'ack' ? await api.acknowledge(id) : await api.resolve(id);
      setBusy((b) => new Set([...b].filter((x) => x !== id)));
      if (!res.ok) {
        setActionError(action === 'ack' ? t('alerts.ackFailed', { error: res.error }) : t('alerts.resolveFailed', { error: res.error }));
        return;
      }
      setState((s) => ({ ...s, data: s.data?.map((a) => (a.id === id ? res.data : a)) ?? null }));
      void load();
    },
    [api, load],
  );

  return { ...state, open, busy, actionError, act, reload: load };
}

/** Names for "acknowledged by": the owner's account list; this browser's account is "you". */
export function useWho(api: PulseApi | null, self: string | null, canListAccounts: boolean) {
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!api || !canListAccounts) return;
    void api.accounts().then((res) => {
      if (res.ok) setLabels(new Map(res.data.filter((a) => a.label).map((a) => [a.id, a.label!])));
    });
  }, [api, canListAccounts]);
  return useCallback(
    (id: string | null) => (id === null ? t('alerts.someone') : id === self ? t('common.you') : (labels.get(id) ?? t('alerts.account', { id: id.slice(0, 8) }))),
    [labels, self],
  );
}
