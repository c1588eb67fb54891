import type { AnnotateRequest, AuthorAnnotation, PostSentiment } from '../../shared/schemas/annotate';
import type { CorrectionRequest } from '../../shared/schemas/corrections';
import type { PageRecord, PostRecord, ThreadRecord } from '../adapters/types';
import { annotateChunks, preparedText } from './annotate-chunks';
import { timed } from './work-clock';

export type AnnotationState =
  | { status: 'loading' }
  | { status: 'ready'; annotation: AuthorAnnotation }
  /** The Worker does not show this author's score to this viewer (members see only their own). */
  | { status: 'hidden' }
  | { status: 'revoked'; error: string }
  | { status: 'error'; error: string };

export type Annotator = (
  request: AnnotateRequest,
) => Promise<
  { ok: true; data: { authors: AuthorAnnotation[]; posts?: PostSentiment[] } } | { ok: false; code?: string | null; error: string }
>;

/** Sends a moderator's correction (through the background, POST /v1/corrections). */
export type Corrector = (request: CorrectionRequest) => Promise<{ ok: true } | { ok: false; error: string }>;

/**
 * What the Worker says about each author on the page. Posts are sent once; a failed
 * request is retried with the next batch of posts. Badges subscribe to changes.
 */
export class AnnotationStore {
  private byAuthor = new Map<string, AuthorAnnotation>();
  /** Sentiment and toxicity by post id (moderators and owners get them). */
  private byPost = new Map<string, PostSentiment>();
  /** The text each post was scored on, kept in memory for corrections only. */
  private texts = new Map<string, string>();
  private hidden = new Set<string>();
  private sent = new Set<string>();
  private inFlight = new Set<string>();
  private lastError: string | null = null;
  private revoked: string | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly site: string,
    private readonly annotator: Annotator,
    private readonly corrector?: Corrector,
  ) {}

  /** A post's sentiment and toxicity, once the Worker gave them (moderators and owners only). */
  postScores(postId: string): PostSentiment | null {
    return this.byPost.get(postId) ?? null;
  }

  /** Whether labels can be corrected from this page. */
  canCorrect(postId: string): boolean {
    return this.corrector !== undefined && this.byPost.has(postId) && this.texts.has(postId);
  }

  /** Sends a moderator's correction of a post's label. */
  async correct(postId: string, correction: Pick<CorrectionRequest, 'task' | 'label'>): Promise<{ ok: true } | { ok: false; error: string }> {
    const text = this.texts.get(postId);
    if (!this.corrector || text === undefined || text === '') return { ok: false, error: 'no text to correct' };
    return this.corrector({ site: this.site, post: postId, text, ...correction } as CorrectionRequest);
  }

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
      for (const chunk of annotateChunks(fresh)) {
        const res = await timed(() => this.annotator(toRequest(this.site, page, chunk)));
        timed(() => this.take(res, chunk));
      }
    } finally {
      for (const a of authors) this.inFlight.delete(a);
      timed(() => this.notify());
    }
  }

  /** Takes in the answer to one chunk. */
  private take(res: Awaited<ReturnType<Annotator>>, chunk: readonly PostRecord[]) {
    if (res.ok) {
      for (const a of res.data.authors) this.byAuthor.set(a.author, a);
      for (const p of res.data.posts ?? []) this.byPost.set(p.id, p);
      // Scores made on this device (model "device:…") cannot be corrected: that sends the text.
      if (res.data.posts) for (const p of chunk) if (!this.byPost.get(p.id)?.model.startsWith('device:')) this.texts.set(p.id, preparedText(p));
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

/**
 * The request for a set of posts: what the page shows, with each post's text as the model
 * reads it (prepareText: at most 8,000 UTF-16 units, unpaired surrogates replaced). The
 * Worker scores the text and keeps only its hash.
 */
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
      ...(p.text ? { text: preparedText(p) } : {}),
    })),
  };
}
