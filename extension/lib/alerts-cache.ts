import { storage } from 'wxt/utils/storage';
import type { AlertsResponse } from '../../shared/schemas/alerts';

/**
 * The community's open alerts as last fetched (by the popup, the dashboard page or the
 * background's periodic check): the popup's first paint, and the toolbar badge's count.
 */
export type AlertsCache = { communityId: number; data: AlertsResponse; fetchedAt: number };

export const alertsCacheItem = storage.defineItem<AlertsCache | null>('local:pulseCache.alerts', { fallback: null, version: 1 });
