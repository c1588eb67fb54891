import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AnnotateRequest, AnnotateResponse, ClientScores, PostInput } from '../../../shared/schemas/annotate';
import { scoreText, SENTIMENT_MODEL_VERSION, toxicityThresholds } from '../../../shared/sentiment/index';
import { call } from '../../test/call';
import { newCommunity } from '../../test/fixtures';
import { textHash } from '../services/text-scores';

/**
 * On-device mode: the extension sends each post's scores (made in the browser by
 * transformers.js) instead of its text. The Worker validates them, answers with them for
 * moderators, and stores them nowhere: not in the text_scores cache, not on the post.
 */
function post(id: string, over: Partial<PostInput> = {}): PostInput {
  return { id, number: Number(id.replace(/\D/g, '')) || 1, author: 'alice', createdAt: '2026-11-01T09:00:00Z', likeCount: 0, replyToNumber: null, ...over };
}

function page(site: string, posts: PostInput[], thread = '700'): AnnotateRequest {
  return { site, engine: 'discourse', thread: { id: thread, title: 'T', url: null, category: null, createdAt: null }, posts };
}

/** Distinctive numbers, to find them if they were stored anywhere. */
function scores(over: Partial<ClientScores['sentiment']> = {}, toxicity: Partial<ClientScores['toxicity']> = {}): ClientScores {
  return {
    model: `pulse-sentiment@${SENTIMENT_MODEL_VERSION}`,
    sentiment: { label: 'negative', probs: { negative: 0.712345, neutral: 0.187655, positive: 0.1 }, ...over },
    toxicity: { toxic: 0.81234, offensive: 0.0123, hate: 0.00456, ...toxicity },
    language: 'en',
  };
}

async function rowsWith(value: number): Promise<number> {
  const r = await env.DB.prepare('SELECT count(*) AS n FROM text_scores WHERE negative = ? OR toxic = ?').bind(value, value).first<{ n: number }>();
  return r!.n;
}

describe('POST /v1/annotate with client scores (on-device mode)', () => {
  it('answers moderators with the browser’s scores, thresholds applied, and stores them nowhere', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const before = await env.DB.prepare('SELECT count(*) AS n FROM text_scores').first<{ n: number }>();
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', { scores: scores() })]), { token: mod.token });
    expect(res.status).toBe(200);
    const [p] = res.body.posts!;
    expect(p!.id).toBe('1');
    expect(p!.sentiment).toEqual({ label: 'negative', probs: { negative: 0.712345, neutral: 0.187655, positive: 0.1 }, confidence: 0.712345, uncertain: false });
    const t = toxicityThresholds();
    expect(p!.toxicity.toxic).toBe(0.81234);
    expect(p!.toxicity.flagged).toEqual((['toxic', 'offensive', 'hate'] as const).filter((k) => ({ toxic: 0.81234, offensive: 0.0123, hate: 0.00456 })[k] >= t[k]));
    expect(p!.model).toBe(`device:pulse-sentiment@${SENTIMENT_MODEL_VERSION}`);
    expect(p!.cached).toBe(false);
    expect(p!.language).toBe('en');

    const after = await env.DB.prepare('SELECT count(*) AS n FROM text_scores').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
    expect(await rowsWith(0.712345)).toBe(0);
    const row = await env.DB.prepare('SELECT p.text_hash FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ? AND p.ext_id = ?')
      .bind(c.site, '1')
      .first<{ text_hash: string | null }>();
    expect(row).not.toBeNull();
    expect(row!.text_hash).toBeNull();
  });

  it('client scores never reach another community: the same post text there is scored by the Worker', async () => {
    const text = `This is terrible and useless ${crypto.randomUUID()}`;
    const a = await newCommunity();
    // A browser claiming "positive, 0.99" for a text: only its own answer says so.
    const claim = scores({ label: 'positive', probs: { negative: 0.005, neutral: 0.005, positive: 0.99 } });
    const mine = await call<AnnotateResponse>('POST', '/v1/annotate', page(a.site, [post('1', { scores: claim })]), { token: a.owner });
    expect(mine.body.posts![0]!.sentiment.label).toBe('positive');
    const b = await newCommunity();
    const theirs = await call<AnnotateResponse>('POST', '/v1/annotate', page(b.site, [post('1', { text })]), { token: b.owner });
    expect(theirs.body.posts![0]!.cached).toBe(false);
    expect(theirs.body.posts![0]!.sentiment.label).toBe(scoreText(text).sentiment.label);
    expect(theirs.body.posts![0]!.model).toBe(SENTIMENT_MODEL_VERSION);
    const stored = await env.DB.prepare('SELECT source FROM text_scores WHERE text_hash = ?').bind(await textHash(text)).all<{ source: string }>();
    expect(stored.results.map((r) => r.source)).toEqual(['worker']);
  });

  it('mixes posts with text, with scores and with neither in one page, in page order', async () => {
    const c = await newCommunity();
    const res = await call<AnnotateResponse>(
      'POST',
      '/v1/annotate',
      page(c.site, [post('1', { scores: scores() }), post('2', { text: 'Thanks, this helped a lot!' }), post('3')]),
      { token: c.owner },
    );
    expect(res.status).toBe(200);
    expect(res.body.posts!.map((p) => [p.id, p.model.startsWith('device:')])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('gives members no post scores, as with text', async () => {
    const c = await newCommunity();
    const member = await c.join('member');
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', { scores: scores() })]), { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.posts).toBeUndefined();
  });

  const bad: Array<[string, (s: ClientScores) => unknown, string]> = [
    ['a probability above 1', (s) => ({ ...s, toxicity: { ...s.toxicity, hate: 1.5 } }), 'posts.0.scores.toxicity.hate'],
    ['a negative probability', (s) => ({ ...s, sentiment: { ...s.sentiment, probs: { negative: -0.1, neutral: 0.6, positive: 0.5 } } }), 'posts.0.scores.sentiment.probs.negative'],
    ['sentiment probabilities not summing to 1', (s) => ({ ...s, sentiment: { label: 'negative', probs: { negative: 0.5, neutral: 0.2, positive: 0.1 } } }), 'posts.0.scores.sentiment.probs'],
    ['a label outside the enum', (s) => ({ ...s, sentiment: { ...s.sentiment, label: 'angry' } }), 'posts.0.scores.sentiment.label'],
    ['a label that is not the most probable', (s) => ({ ...s, sentiment: { ...s.sentiment, label: 'positive' } }), 'posts.0.scores.sentiment.label'],
    ['a language outside the enum', (s) => ({ ...s, language: 'fr' }), 'posts.0.scores.language'],
    ['an unknown field', (s) => ({ ...s, text: 'smuggled' }), 'posts.0.scores'],
    ['a missing toxicity', ({ toxicity: _t, ...s }) => s, 'posts.0.scores.toxicity'],
    ['a model id with markup', (s) => ({ ...s, model: '<img src=x>' }), 'posts.0.scores.model'],
    ['NaN as a string', (s) => ({ ...s, toxicity: { ...s.toxicity, toxic: 'NaN' } }), 'posts.0.scores.toxicity.toxic'],
  ];
  it.each(bad)('refuses %s (400, naming the field)', async (_what, mutate, field) => {
    const c = await newCommunity();
    const res = await call('POST', '/v1/annotate', page(c.site, [post('1', { scores: mutate(scores()) as ClientScores })]), { token: c.owner });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses text and scores on the same post: the text would leave the browser after all', async () => {
    const c = await newCommunity();
    const res = await call('POST', '/v1/annotate', page(c.site, [post('1', { text: 'hello', scores: scores() })]), { token: c.owner });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('posts.0.scores');
  });
});
