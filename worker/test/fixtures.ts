import { v7 as uuidv7 } from 'uuid';
import type { PulseEvent } from '../../shared/schemas/events';

let counter = 0;
/** A fresh site origin per test, so tests never share rows. */
export function uniqueOrigin(): string {
  counter += 1;
  return `https://forum-${Date.now().toString(36)}-${counter}.example`;
}

export function pageView(site: string, actor: string | null, thread = '100', ts = '2026-11-20T10:00:00Z'): PulseEvent {
  return { id: uuidv7(), type: 'page_view', ts, site, actor, thread };
}

export function postSeen(site: string, actor: string | null, post: string, thread = '100'): PulseEvent {
  return { id: uuidv7(), type: 'post_seen', ts: '2026-11-20T10:00:05Z', site, actor, thread, post };
}

export function dwell(site: string, actor: string | null, durationMs: number, thread = '100'): PulseEvent {
  return { id: uuidv7(), type: 'dwell', ts: '2026-11-20T10:03:00Z', site, actor, thread, durationMs };
}
