import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AnnotateRequest, AnnotateResponse, PostInput } from '../../../shared/schemas/annotate';
import { CONFIDENCE_THRESHOLD, prepareText, scoreText, SENTIMENT_MODEL_VERSION, toxicityThresholds } from '../../../shared/sentiment/index';
import { call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';
import { textHash } from '../services/text-scores';

function post(id: string, text: string | undefined, over: Partial<PostInput> = {}): PostInput {
  return { id, number: Number(id.replace(/\D/g, '')) || 1, author: 'alice', createdAt: '2026-11-01T09:00:00Z', likeCount: 0, replyToNumber: null, text, ...over };
}

function page(site: string, posts: PostInput[], thread = '500'): AnnotateRequest {
  return { site, engine: 'discourse', thread: { id: thread, title: 'T', url: null, category: null, createdAt: null }, posts };
}

const TEXTS = [
  'This course is wonderful, thank you so much for the clear explanations!',
  'This is the worst answer I have read here. Useless and wrong.',
  '这个课程非常好，老师讲得很清楚，谢谢！',
  '太差了，浪费时间，完全没用。',
];

async function storedScores(hashes: string[]): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM text_scores WHERE model_version = ? AND text_hash IN (SELECT value FROM json_each(?))`,
  )
    .bind(SENTIMENT_MODEL_VERSION, JSON.stringify(hashes))
    .first<{ n: number }>();
  return row!.n;
}

describe('POST /v1/annotate: sentiment and toxicity per post', () => {
  it('scores each text with the shared kernel, for moderators', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const posts = TEXTS.map((t, i) => post(`${i + 1}`, t));
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, posts), { token: mod.token });
    expect(res.status).toBe(200);
    expect(res.body.posts!.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    const t = toxicityThresholds();
    for (const [i, p] of res.body.posts!.entries()) {
      const want = scoreText(TEXTS[i]!);
      expect(p.sentiment.label).toBe(want.sentiment.label);
      expect(p.sentiment.confidence).toBeCloseTo(want.sentiment.confidence, 12);
      expect(p.sentiment.probs.negative).toBeCloseTo(want.sentiment.probs.negative, 12);
      expect(p.sentiment.probs.positive).toBeCloseTo(want.sentiment.probs.positive, 12);
      expect(p.sentiment.uncertain).toBe(want.sentiment.confidence < CONFIDENCE_THRESHOLD);
      expect(p.toxicity.toxic).toBeCloseTo(want.toxicity.toxic, 12);
      expect(p.toxicity.flagged).toEqual((['toxic', 'offensive', 'hate'] as const).filter((k) => want.toxicity[k] >= t[k]));
      expect(p.language).toBe(want.language);
      expect(p.model).toBe(SENTIMENT_MODEL_VERSION);
      expect(p.cached).toBe(false);
    }
  });

  it('scores a text once: the second request reads D1, and the hash is stored on the post, never the text', async () => {
    const c = await newCommunity();
    const text = `A one-off post ${crypto.randomUUID()} about window functions`;
    const hash = await textHash(text);
    expect(await storedScores([hash])).toBe(0);
    const first = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', text)]), { token: c.owner });
    expect(first.body.posts![0]!.cached).toBe(false);
    expect(await storedScores([hash])).toBe(1);
    const again = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', text)]), { token: c.owner });
    expect(again.body.posts![0]!.cached).toBe(true);
    expect(again.body.posts![0]!.sentiment.label).toBe(first.body.posts![0]!.sentiment.label);
    expect(again.body.posts![0]!.sentiment.confidence).toBeCloseTo(first.body.posts![0]!.sentiment.confidence, 12);
    expect(await storedScores([hash])).toBe(1);
    // The same text in another community's post is a cache hit too (scores depend on the text only).
    const other = await newCommunity();
    const there = await call<AnnotateResponse>('POST', '/v1/annotate', page(other.site, [post('9', text)]), { token: other.owner });
    expect(there.body.posts![0]!.cached).toBe(true);

    const row = await env.DB.prepare('SELECT p.text_hash FROM posts p JOIN sites s ON s.id = p.site_id WHERE s.origin = ?')
      .bind(c.site)
      .first<{ text_hash: string }>();
    expect(row!.text_hash).toBe(hash);
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM text_scores WHERE text_hash = ?').bind(hash).all()).results);
    expect(dump).not.toContain('window functions');
  });

  it('repeats within one page are scored once', async () => {
    const c = await newCommunity();
    const text = `Same words ${crypto.randomUUID()}`;
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', text), post('2', text)]), { token: c.owner });
    expect(res.body.posts).toHaveLength(2);
    expect(await storedScores([await textHash(text)])).toBe(1);
  });

  it('gives post scores to moderators and owners only, whatever the per-member switch', async () => {
    const c = await newCommunity();
    const member = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'alice')] }, { token: member.token });
    const body = page(c.site, [post('1', TEXTS[0])]);
    const asMember = await call<AnnotateResponse>('POST', '/v1/annotate', body, { token: member.token });
    expect(asMember.status).toBe(200);
    expect(asMember.body.posts).toBeUndefined();
    expect(asMember.body.authors.map((a) => a.author)).toEqual(['alice']);
    await call('PATCH', '/v1/community/settings', { memberScores: false }, { token: c.owner });
    const asOwner = await call<AnnotateResponse>('POST', '/v1/annotate', body, { token: c.owner });
    expect(asOwner.body.authors).toEqual([]);
    expect(asOwner.body.posts).toHaveLength(1);
  });

  it('leaves posts without text unscored, and works with text on some posts only', async () => {
    const c = await newCommunity();
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, [post('1', undefined), post('2', 'fine')]), { token: c.owner });
    expect(res.body.posts!.map((p) => p.id)).toEqual(['2']);
  });

  it('scores hostile text as text (HTML, scripts, unpaired surrogates, emoji, empty) and refuses over-long text', async () => {
    const c = await newCommunity();
    const hostile = [
      '<img src=x onerror="alert(1)"><script>fetch("//evil")</script>',
      '"; DROP TABLE text_scores; --',
      'broken \ud800 surrogate \udfff here',
      '👍🏽🔥 中文 and English mixed https://example.com/x?y=1 `code()`',
      '',
      'x'.repeat(8000),
    ];
    const res = await call<AnnotateResponse>('POST', '/v1/annotate', page(c.site, hostile.map((t, i) => post(`${i + 1}`, t))), { token: c.owner });
    expect(res.status).toBe(200);
    expect(res.body.posts).toHaveLength(hostile.length);
    for (const [i, p] of res.body.posts!.entries()) {
      expect(p.sentiment.label).toBe(scoreText(hostile[i]!).sentiment.label);
      const sum = p.sentiment.probs.negative + p.sentiment.probs.neutral + p.sentiment.probs.positive;
      expect(sum).toBeCloseTo(1, 9);
    }
    // An unpaired surrogate is hashed as the model reads it (replaced by U+FFFD).
    expect(await textHash('broken \ud800 surrogate \udfff here')).toBe(await textHash(prepareText('broken \ud800 surrogate \udfff here')));
    const n = await env.DB.prepare('SELECT count(*) AS n FROM text_scores').first<{ n: number }>();
    expect(n!.n).toBeGreaterThan(0); // the table survived the SQL in the text

    const long = await call('POST', '/v1/annotate', page(c.site, [post('1', 'x'.repeat(100_000))]), { token: c.owner });
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('posts.0.text');
  });

  it('keeps author activity cached, and drops it when posts or events change it', async () => {
    const c = await newCommunity();
    const body = page(c.site, [post('1', 'hello', { likeCount: 1 }), post('2', 'hi', { author: 'bob', replyToNumber: 1 })]);
    const first = await call<AnnotateResponse>('POST', '/v1/annotate', body, { token: c.owner });
    const alice = first.body.authors.find((a) => a.author === 'alice')!;
    const cached = () =>
      env.DB.prepare('SELECT computed_at FROM member_activity WHERE member_id = ?').bind(alice.memberId).first<{ computed_at: number }>();
    const t1 = (await cached())!.computed_at;
    // Unchanged page: served from the cache, not recomputed.
    await call('POST', '/v1/annotate', body, { token: c.owner });
    expect((await cached())!.computed_at).toBe(t1);
    // A new like count: recomputed at once.
    const liked = page(c.site, [post('1', 'hello', { likeCount: 7 }), post('2', 'hi', { author: 'bob', replyToNumber: 1 })]);
    const after = await call<AnnotateResponse>('POST', '/v1/annotate', liked, { token: c.owner });
    expect(after.body.authors.find((a) => a.author === 'alice')!.activity.likesReceived).toBe(7);
    // A reply from someone else counts for the author replied to.
    const replied = page(c.site, [post('3', 'yes', { author: 'carol', replyToNumber: 1, createdAt: '2026-11-02T09:00:00Z' })]);
    await call('POST', '/v1/annotate', replied, { token: c.owner });
    const again = await call<AnnotateResponse>('POST', '/v1/annotate', liked, { token: c.owner });
    expect(again.body.authors.find((a) => a.author === 'alice')!.activity.repliesReceived).toBe(2);
    // An event of hers (a day she only read) counts as an active day.
    await call('POST', '/v1/events', { events: [pageView(c.site, 'alice', '500', '2026-11-05T10:00:00Z')] }, { token: c.owner });
    expect(await cached()).toBeNull();
    const read = await call<AnnotateResponse>('POST', '/v1/annotate', liked, { token: c.owner });
    expect(read.body.authors.find((a) => a.author === 'alice')!.activity).toMatchObject({ daysActive: 2, lastActiveAt: '2026-11-05T10:00:00.000Z' });
  });
});
