import type { ImportBatch } from '../../shared/schemas/import';
import { Batcher } from './batcher';
import { readDiscourseJson } from './discourse-json';
import { sourceEventId } from './event-id';

export interface DiscourseImportCounts {
  users: number;
  topics: number;
  posts: number;
  events: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A Discourse export (or API responses) as import batches: topics become threads, posts
 * posts with their numbers, reply-to and likes, and every post after the first a `reply`
 * event of its author. Streamed.
 */
export async function* discourseBatches(
  source: string,
  site: string,
  onProgress?: (p: { allBytesRead: number; allTotalBytes: number }, counts: DiscourseImportCounts) => void,
): AsyncGenerator<ImportBatch, DiscourseImportCounts> {
  const counts: DiscourseImportCounts = { users: 0, topics: 0, posts: 0, events: 0 };
  const names = new Map<number, string>();
  const batcher = new Batcher(site);
  const ready: ImportBatch[] = [];
  // Every item is added; a batch that fills up waits in `ready` to be sent.
  const add = (kind: 'threads' | 'posts' | 'events', item: object) => {
    const full = batcher.add(kind, item as never);
    if (full) ready.push(full);
  };
  for await (const r of readDiscourseJson(source, { onProgress: onProgress && ((p) => onProgress(p, counts)) })) {
    if (r.kind === 'user') {
      counts.users++;
      if (r.id !== null) names.set(r.id, r.username);
    } else if (r.kind === 'topic') {
      counts.topics++;
      add('threads', {
        id: String(r.id),
        title: r.title?.slice(0, 500) ?? null,
        url: `${site}/t/${r.id}`,
        category: null,
        createdAt: r.createdAt === null ? null : iso(r.createdAt),
        tags: [],
        replyCount: r.postsCount === null ? null : Math.max(0, r.postsCount - 1),
        likeCount: r.likeCount,
        viewCount: r.views,
      });
    } else {
      counts.posts++;
      const author = (r.username ?? (r.userId !== null ? names.get(r.userId) : undefined) ?? null)?.slice(0, 100) ?? null;
      add('posts', {
        thread: String(r.topicId),
        id: String(r.id),
        number: r.postNumber,
        author,
        createdAt: iso(r.createdAt),
        likeCount: r.likeCount,
        replyToNumber: r.replyToPostNumber,
      });
      if (author && r.postNumber > 1) {
        counts.events++;
        add('events', {
          id: sourceEventId(`discourse:${site}:post:${r.id}`, r.createdAt),
          type: 'reply',
          ts: iso(r.createdAt),
          site,
          actor: author,
          thread: String(r.topicId),
          post: null,
        });
      }
    }
    while (ready.length > 0) yield ready.shift()!;
  }
  const last = batcher.take();
  if (last) yield last;
  return counts;
}
