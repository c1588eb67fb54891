import { describe, expect, it, vi } from 'vitest';
import { engagementScore } from '../../shared/engagement';
import type { AnnotateRequest, AuthorAnnotation } from '../../shared/schemas/annotate';
import { page as pageRecord, post as postRecord, thread } from '../adapters/records';
import type { PageRecord, PostRecord } from '../adapters/types';
import { AnnotationStore, toRequest } from './annotations';

const post = (id: string, author: string | null, n: number): PostRecord =>
  postRecord(id, { number: n, author, createdAt: '2026-11-01T00:00:00.000Z', text: 'secret text', likeCount: 2 });

const page = (posts: PostRecord[]): PageRecord =>
  pageRecord('discourse', { kind: 'thread', thread: thread('9', { title: 'T', url: 'https://f.example/t/9' }), posts });

function annotation(author: string, posts: number): AuthorAnnotation {
  const activity = { posts, topics: 0, replies: posts, repliesReceived: 0, likesReceived: 0, daysActive: 1, lastActiveAt: null };
  return { author, memberId: 'm'.repeat(32), activity, engagement: engagementScore(activity) };
}

describe('AnnotationStore', () => {
  it('asks once per post, and serves each author’s annotation', async () => {
    const annotator = vi.fn(async (req: AnnotateRequest) => ({
      ok: true as const,
      data: { authors: [...new Set(req.posts.map((p) => p.author!))].map((a) => annotation(a, 3)) },
    }));
    const store = new AnnotationStore('https://f.example', annotator);
    const listener = vi.fn();
    store.subscribe(listener);
    const p = page([post('1', 'ann', 1), post('2', 'bo', 2)]);
    expect(store.state('ann')).toEqual({ status: 'loading' });
    await store.annotate(p);
    await store.annotate(p);
    expect(annotator).toHaveBeenCalledTimes(1);
    expect(store.state('ann')).toMatchObject({ status: 'ready', annotation: { author: 'ann' } });
    expect(listener).toHaveBeenCalled();
    await store.annotate(p, [post('3', 'cy', 3)]);
    expect(annotator).toHaveBeenCalledTimes(2);
    expect(annotator.mock.calls[1]![0].posts.map((x) => x.id)).toEqual(['3']);
  });

  it('shows the error and retries the same posts on the next change', async () => {
    let up = false;
    const annotator = vi.fn(async () =>
      up ? { ok: true as const, data: { authors: [annotation('ann', 1)] } } : { ok: false as const, error: 'Worker unreachable' },
    );
    const store = new AnnotationStore('https://f.example', annotator);
    const p = page([post('1', 'ann', 1)]);
    await store.annotate(p);
    expect(store.state('ann')).toEqual({ status: 'error', error: 'Worker unreachable' });
    up = true;
    await store.annotate(p);
    expect(store.state('ann').status).toBe('ready');
  });

  it('sends post text only as the model reads it (capped, unpaired surrogates replaced) for scoring', () => {
    const req = toRequest('https://f.example', page([post('1', 'ann', 1)]), [post('1', 'ann', 1)]);
    expect(req.posts[0]).toEqual({
      id: '1',
      number: 1,
      author: 'ann',
      createdAt: '2026-11-01T00:00:00.000Z',
      likeCount: 2,
      replyToNumber: null,
      text: 'secret text',
    });
    const long = postRecord('2', { text: `${'x'.repeat(9000)}\ud800` });
    const [sent] = toRequest('https://f.example', page([long]), [long]).posts;
    expect(sent!.text).toHaveLength(8000);
    const broken = postRecord('3', { text: 'a\ud800b' });
    expect(toRequest('https://f.example', page([broken]), [broken]).posts[0]!.text).toBe('a\ufffdb');
    const empty = postRecord('4', { text: '' });
    expect(toRequest('https://f.example', page([empty]), [empty]).posts[0]).not.toHaveProperty('text');
    expect(req.thread).toMatchObject({ id: '9', tags: [], replyCount: null });
  });
});
