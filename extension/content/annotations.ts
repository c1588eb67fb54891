import { MAX_POSTS_PER_ANNOTATE } from '../../shared/constants';
import type { AnnotateRequest, AuthorAnnotation } from '../../shared/schemas/annotate';
import type { PageRecord, PostRecord, ThreadRecord } from '../adapters/types';

export type AnnotationState =
  | { status: 'loading' }
  | { status: 'ready'; annotation: AuthorAnnotation }
  /** The Worker does not show this author's score to this viewer (members see only their own). */
  | { status: 'hidden' }
  | { status: 'revoked'; error: string }
  | { status: 'error'; error: string };

export type Annotator = (
  request: AnnotateRequest,
) => Promise<{ ok: true; data: { authors: AuthorAnnotation[] } } | { ok: false; code?: string | null; error: string }>;

/**
 * What the Worker says about each author on the page. Posts are sent once; a failed
 * request is retried with the next batch of posts. Badges subscribe to changes.
 */
export class AnnotationStore {
  private byAuthor = new Map<string, AuthorAnnotation>();
  private hidden = new Set<string>();
  private sent = new Set<string>();
  private inFlight = new Set<string>();
  private lastError: string | null = null;
  private revoked: string | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly site: string,
    private readonly annotator: Annotator,
  ) {}

  state(author: string): AnnotationState {
    if (this.revoked) return { status: 'revoked', error: this.revoked };
    const a = this.byAuthor.get(author);
    if (a) return { status: 'ready', annotation: a };
    if (this.hidden.has(author)) return { status: 'hidden' };
    if (this.lastError && !this.inFlight.has(author)) return { status: 'error', error: this.lastError };
    return { status: 'loading' };
  }

  /** The access-revoked message, once the Worker said so. */
  revokedMessage(): string | null {
    return this.revoked;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify() {
    for (const l of this.listeners) l();
  }

  /** Asks the Worker about the posts not sent yet. */
  async annotate(page: PageRecord, posts: readonly PostRecord[] = page.posts): Promise<void> {
    if (!page.thread) return;
    const fresh = posts.filter((p) => !this.sent.has(p.id));
    if (fresh.length === 0) return;
    for (const p of fresh) this.sent.add(p.id);
    const authors = new Set(fresh.flatMap((p) => (p.author ? [p.author] : [])));
    for (const a of authors) this.inFlight.add(a);
    this.notify();
    try {
      for (let i = 0; i < fresh.length; i += MAX_POSTS_PER_ANNOTATE) {
        const chunk = fresh.slice(i, i + MAX_POSTS_PER_ANNOTATE);
        const res = await this.annotator(toRequest(this.site, page, chunk));
        if (res.ok) {
          for (const a of res.data.authors) this.byAuthor.set(a.author, a);
          for (const p of chunk) if (p.author && !this.byAuthor.has(p.author)) this.hidden.add(p.author);
          this.lastError = null;
        } else if (res.code === 'token_revoked' || res.code === 'not_joined') {
          this.revoked = res.error;
        } else {
          this.lastError = res.error;
          for (const p of chunk) this.sent.delete(p.id); // try again with the next change
        }
        this.notify(); // badges show each chunk's answers as they come
      }
    } finally {
      for (const a of authors) this.inFlight.delete(a);
      this.notify();
    }
  }
}

const clip = (s: string | null, n: number) => (s === null ? null : s.slice(0, n));

/** What the Worker keeps of a thread: title, link, category, tags and counts, bounded. */
export function threadInput(t: ThreadRecord): AnnotateRequest['thread'] {
  return {
    id: t.id,
    title: clip(t.title, 500),
    url: t.url && /^https?:/.test(t.url) && t.url.length <= 2000 ? t.url : null,
    category: clip(t.category, 200),
    createdAt: t.createdAt,
    tags: t.tags.map((tag) => tag.trim().slice(0, 100)).filter(Boolean).slice(0, 20),
    replyCount: t.replyCount,
    likeCount: t.likeCount,
    viewCount: t.viewCount,
  };
}

/** The request for a set of posts: what the page shows, without post text. */
export function toRequest(site: string, page: PageRecord, posts: readonly PostRecord[]): AnnotateRequest {
  return {
    site,
    engine: page.engine,
    thread: threadInput(page.thread!),
    posts: posts.map((p) => ({
      id: p.id,
      number: p.number,
      author: p.author ? p.author.slice(0, 100) : null,
      createdAt: p.createdAt,
      likeCount: p.likeCount,
      replyToNumber: p.replyToNumber,
    })),
  };
}
