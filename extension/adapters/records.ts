import type { AdapterResult, Engine, PageRecord, PostRecord, SiteAdapter, ThreadRecord } from './types';

/** A post with every optional field empty; adapters fill in what the page shows. */
export function post(id: string, fields: Partial<PostRecord> = {}): PostRecord {
  return {
    id,
    number: null,
    author: null,
    authorName: null,
    authorUrl: null,
    createdAt: null,
    text: '',
    likeCount: null,
    score: null,
    replyToNumber: null,
    replyToUser: null,
    parentId: null,
    depth: null,
    role: 'reply',
    isAccepted: null,
    ...fields,
  };
}

/** A thread with every optional field empty. */
export function thread(id: string, fields: Partial<ThreadRecord> = {}): ThreadRecord {
  return {
    id,
    title: null,
    url: null,
    category: null,
    tags: [],
    author: null,
    createdAt: null,
    replyCount: null,
    likeCount: null,
    viewCount: null,
    score: null,
    linkUrl: null,
    ...fields,
  };
}

export function page(engine: Engine, fields: Partial<PageRecord> = {}): PageRecord {
  return { engine, kind: 'other', thread: null, posts: [], listing: [], user: null, problems: [], ...fields };
}

/** The reading of a page the adapter could not read at all. */
export function unreadable(engine: Engine, error: unknown): AdapterResult {
  return {
    page: page(engine, { problems: [`${engine}: unreadable page (${(error as Error)?.message ?? String(error)})`] }),
    elements: new Map(),
  };
}

/**
 * Wraps an adapter so that `detect` and `read` never throw: a page that breaks the
 * reader yields an empty record naming the failure, and the overlay degrades.
 */
export function neverThrows(adapter: SiteAdapter): SiteAdapter {
  return {
    engine: adapter.engine,
    detect(doc, url) {
      try {
        return adapter.detect(doc, url);
      } catch {
        return false;
      }
    },
    read(doc, url) {
      try {
        return adapter.read(doc, url);
      } catch (e) {
        return unreadable(adapter.engine, e);
      }
    },
  };
}
