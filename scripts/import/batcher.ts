import type { ImportBatch } from '../../shared/schemas/import';

export const LIMITS = { threads: 200, posts: 500, events: 500 } as const;

/** Collects threads, posts and events into batches within the import route's limits. */
export class Batcher {
  private current: ImportBatch;
  constructor(private readonly site: string) {
    this.current = this.empty();
  }
  private empty(): ImportBatch {
    return { site: this.site, threads: [], posts: [], events: [] };
  }
  /** Adds items; returns a full batch to send when one filled up. */
  add(kind: 'threads' | 'posts' | 'events', item: never): ImportBatch | null {
    (this.current[kind] as unknown[]).push(item);
    return this.current[kind].length >= LIMITS[kind] ? this.take() : null;
  }
  take(): ImportBatch | null {
    const b = this.current;
    this.current = this.empty();
    return b.threads.length + b.posts.length + b.events.length > 0 ? b : null;
  }
}
