import { describe, expect, it } from 'vitest';
import { authorQuality, communityPostQuality, type PostQualityInput } from './quality';

const post = (p: Partial<PostQualityInput> & { postId: string }): PostQualityInput => ({
  authorId: 'A',
  likes: 0,
  replies: 0,
  accepted: null,
  readingDepth: null,
  moderatorCorrections: 0,
  ...p,
});

describe('content quality', () => {
  // Fewer than 5 posts have likes (replies): fallback references 10 likes, 5 replies.
  // P1 (A): 5 likes, 2 replies, accepted, depth unknown -> weights .35 .2 .25 over .8:
  //   likes ln 6 / ln 11 = 0.747222 * 0.4375 = 0.326910
  //   replies ln 3 / ln 6 = 0.613147 * 0.25 = 0.153287
  //   accepted 1 * 0.3125                 = 0.3125      -> base 0.792697 -> 79
  // P2 (A): nothing, not accepted, read to 60%, 1 correction -> weights .35 .2 .25 .2:
  //   base 0.2 * 0.6 = 0.12; penalty 0.5 * min(1, 1/2) = 0.25 -> 0.09 -> 9
  // P3 (B): 10 likes, 5 replies, acceptance does not apply, read fully, 2 corrections:
  //   every component 1 -> base 1; penalty 0.5 -> 50
  // Authors, community mean mu = (79 + 9 + 50) / 3 = 46, prior 3 posts:
  //   A (79 + 9 + 3 * 46) / 5 = 45.2 -> 45;  B (50 + 3 * 46) / 4 = 47
  const posts = [
    post({ postId: 'P1', likes: 5, replies: 2, accepted: true }),
    post({ postId: 'P2', accepted: false, readingDepth: 0.6, moderatorCorrections: 1 }),
    post({ postId: 'P3', authorId: 'B', likes: 10, replies: 5, readingDepth: 1, moderatorCorrections: 2 }),
  ];
  const scored = communityPostQuality(posts);

  it('matches the hand-computed post scores', () => {
    expect(scored.map((p) => p.score)).toEqual([79, 9, 50]);
    const likes = scored[0]!.components.find((c) => c.key === 'likes')!;
    expect(likes.normalised).toBeCloseTo(0.747222, 6);
    expect(likes.weight).toBeCloseTo(0.4375, 12);
    expect(scored[0]!.components.find((c) => c.key === 'readingDepth')!).toMatchObject({ value: null, weight: 0 });
  });

  it('explains the score: components sum to it, the corrections component is negative', () => {
    for (const p of scored) expect(Math.round(p.components.reduce((s, c) => s + c.points, 0))).toBe(p.score);
    expect(scored[2]!.components.find((c) => c.key === 'corrections')!.points).toBeCloseTo(-50, 10);
  });

  it('never adds raw quantities: a thousand likes cannot outweigh the other components', () => {
    const [viral] = communityPostQuality([post({ postId: 'v', likes: 1000, accepted: false, readingDepth: 0 })]);
    expect(viral!.score).toBe(35);
  });

  it('shrinks author means towards the community mean', () => {
    expect(authorQuality(scored)).toEqual([
      { authorId: 'A', posts: 2, mean: 44, score: 45 },
      { authorId: 'B', posts: 1, mean: 50, score: 47 },
    ]);
    expect(authorQuality([])).toEqual([]);
  });
});
