import type { ImportBatch } from '../../shared/schemas/import';
import { Batcher } from './batcher';
import { sourceEventId } from './event-id';
import { type DumpProgress, readStackExchangeDump } from './stackexchange-xml';

export interface SeImportCounts {
  users: number;
  posts: number;
  comments: number;
  votes: number;
  badges: number;
  threads: number;
  importedPosts: number;
  events: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A Stack Exchange dump as import batches, streamed (never a whole file in memory):
 * questions become threads and opening posts, answers posts replying to them (with their
 * votes as likes), answers and comments `reply` events of their authors. Authors are the
 * users' display names, as the Stack Exchange adapter reads them on the site. Votes and
 * badges are counted but carry no member (public dumps drop voter ids).
 */
export async function* stackExchangeBatches(
  dir: string,
  site: string,
  onProgress?: (p: DumpProgress, counts: SeImportCounts) => void,
): AsyncGenerator<ImportBatch, SeImportCounts> {
  const counts: SeImportCounts = { users: 0, posts: 0, comments: 0, votes: 0, badges: 0, threads: 0, importedPosts: 0, events: 0 };
  const names = new Map<number, string>();
  /** post id -> its question's id (for comments on answers). */
  const threadOf = new Map<number, number>();
  const batcher = new Batcher(site);
  const ready: ImportBatch[] = [];
  // Every item is added; a batch that fills up waits in `ready` to be sent.
  const add = (kind: 'threads' | 'posts' | 'events', item: object) => {
    const full = batcher.add(kind, item as never);
    if (full) ready.push(full);
  };
  const nameOf = (id: number | null, fallback: string | null) => (id !== null ? (names.get(id) ?? fallback) : fallback)?.trim().slice(0, 100) || null;

  for await (const row of readStackExchangeDump(dir, { onProgress: onProgress && ((p) => onProgress(p, counts)) })) {
    switch (row.table) {
      case 'Users':
        counts.users++;
        names.set(row.record.id, row.record.displayName);
        break;
      case 'Posts': {
        counts.posts++;
        const p = row.record;
        const author = nameOf(p.ownerUserId, p.ownerDisplayName);
        if (p.postTypeId === 1) {
          threadOf.set(p.id, p.id);
          counts.threads++;
          counts.importedPosts++;
          add('threads', {
            id: String(p.id),
            title: p.title?.slice(0, 500) ?? null,
            url: `${site}/questions/${p.id}`,
            category: null,
            createdAt: iso(p.creationDate),
            tags: p.tags.slice(0, 20).map((t) => t.slice(0, 100)),
            replyCount: p.answerCount,
            likeCount: null,
            viewCount: p.viewCount,
          });
          add('posts', { thread: String(p.id), id: String(p.id), number: 1, author, createdAt: iso(p.creationDate), likeCount: Math.max(0, p.score), replyToNumber: null });
        } else if (p.postTypeId === 2 && p.parentId !== null) {
          threadOf.set(p.id, p.parentId);
          counts.importedPosts++;
          add('posts', { thread: String(p.parentId), id: String(p.id), number: null, author, createdAt: iso(p.creationDate), likeCount: Math.max(0, p.score), replyToNumber: 1 });
          if (author) {
            counts.events++;
            add('events', { id: sourceEventId(`se:${site}:answer:${p.id}`, p.creationDate), type: 'reply', ts: iso(p.creationDate), site, actor: author, thread: String(p.parentId), post: String(p.parentId) });
          }
        }
        break;
      }
      case 'Comments': {
        counts.comments++;
        const c = row.record;
        const thread = threadOf.get(c.postId);
        const actor = nameOf(c.userId, c.userDisplayName);
        if (thread !== undefined && actor) {
          counts.events++;
          add('events', { id: sourceEventId(`se:${site}:comment:${c.id}`, c.creationDate), type: 'reply', ts: iso(c.creationDate), site, actor, thread: String(thread), post: String(c.postId) });
        }
        break;
      }
      case 'Votes':
        counts.votes++;
        break;
      case 'Badges':
        counts.badges++;
        break;
    }
    while (ready.length > 0) yield ready.shift()!;
  }
  const last = batcher.take();
  if (last) yield last;
  return counts;
}
