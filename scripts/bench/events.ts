import { v7 as uuidv7 } from 'uuid';
import type { PulseEvent } from '../../shared/schemas/events';

/**
 * A member's browsing as the extension reports it: page views of threads, posts seen,
 * dwell on leaving, now and then a like. Deterministic in shape (thread i % threads),
 * unique in ids (UUIDv7, as the extension makes them).
 */
export function browsingEvents(n: number, site: string, actor: string | null, opts: { threads?: number; start?: number } = {}): PulseEvent[] {
  const threads = opts.threads ?? 200;
  const start = opts.start ?? Date.UTC(2026, 10, 1);
  const out: PulseEvent[] = [];
  for (let i = 0; i < n; i++) {
    const thread = String(1000 + ((i * 7919) % threads));
    const ts = new Date(start + i * 1_000).toISOString();
    const base = { id: uuidv7(), ts, site, actor };
    switch (i % 10) {
      case 0:
        out.push({ ...base, type: 'page_view', thread });
        break;
      case 9:
        out.push({ ...base, type: 'dwell', thread, durationMs: 5_000 + (i % 60) * 1_000 });
        break;
      case 5:
        out.push({ ...base, type: 'like', thread, post: `${thread}-${i % 30}` });
        break;
      default:
        out.push({ ...base, type: 'post_seen', thread, post: `${thread}-${i % 30}` });
    }
  }
  return out;
}
