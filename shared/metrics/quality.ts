import { communityReference, logScale } from './scaling';

/**
 * Content quality, per post and per author, 0-100.
 *
 * Each component is first put on 0..1, then weighted; quantities in different units are
 * never added raw:
 *
 * | key          | normalised                                             | weight |
 * |--------------|--------------------------------------------------------|--------|
 * | likes        | logScale(likes, ref_likes)                             | 0.35   |
 * | replies      | logScale(replies, ref_replies)                         | 0.20   |
 * | accepted     | 1 if accepted, else 0                                  | 0.25   |
 * | readingDepth | the share of the post readers got through, 0..1        | 0.20   |
 *
 * ref_x = 90th percentile of the non-zero x over the community's posts (fallback: likes
 * 10, replies 5, with fewer than 5 non-zero posts; see scaling.ts). A component that does
 * not apply to a post is dropped and the other weights are scaled to sum to 1: `accepted`
 * when the post could not be accepted (null: a question, a forum reply), `readingDepth`
 * when unknown (null). Then moderator corrections (edits by moderators, hides, removed
 * flags upheld) scale the result down:
 *
 *     base    = Σ w'_k · n_k
 *     penalty = 0.5 · min(1, corrections / 2)        (one correction -25%, two or more -50%)
 *     score   = round(100 · base · (1 - penalty))
 *
 * `components[k].points` = 100 · w'_k · n_k; the `corrections` component carries the
 * (negative) points the penalty removes, -100 · base · penalty, so points sum to the score
 * (± rounding).
 *
 * Per author: the mean post score shrunk towards the community's mean post score μ by a
 * prior worth k = 3 posts, so one lucky post is not "best author":
 *
 *     author = (Σ score(post) + k · μ) / (n + k)
 *
 * Empty community: no posts, no authors. An author with no posts is not listed.
 */
export interface PostQualityInput {
  postId: string;
  authorId: string | null;
  likes: number;
  replies: number;
  /** true/false for an answer that could be accepted; null when acceptance does not apply. */
  accepted: boolean | null;
  /** Share of the post its readers got through, 0..1; null when unknown. */
  readingDepth: number | null;
  moderatorCorrections: number;
}

export type QualityKey = 'likes' | 'replies' | 'accepted' | 'readingDepth' | 'corrections';

export interface QualityComponent {
  key: QualityKey;
  value: number | null;
  normalised: number | null;
  weight: number;
  points: number;
}

export interface PostQuality {
  postId: string;
  authorId: string | null;
  score: number;
  components: QualityComponent[];
}

export const QUALITY_WEIGHTS = { likes: 0.35, replies: 0.2, accepted: 0.25, readingDepth: 0.2 } as const;
export const QUALITY_FALLBACK = { likes: 10, replies: 5 } as const;
export const AUTHOR_PRIOR_POSTS = 3;

export interface QualityReferences {
  likes: number;
  replies: number;
}

export function qualityReferences(posts: readonly PostQualityInput[]): QualityReferences {
  return {
    likes: communityReference(
      posts.map((p) => p.likes),
      { fallback: QUALITY_FALLBACK.likes },
    ).value,
    replies: communityReference(
      posts.map((p) => p.replies),
      { fallback: QUALITY_FALLBACK.replies },
    ).value,
  };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export function postQuality(post: PostQualityInput, refs: QualityReferences): PostQuality {
  const parts: { key: QualityKey; value: number | null; normalised: number | null; weight: number }[] = [
    { key: 'likes', value: post.likes, normalised: logScale(post.likes, refs.likes), weight: QUALITY_WEIGHTS.likes },
    { key: 'replies', value: post.replies, normalised: logScale(post.replies, refs.replies), weight: QUALITY_WEIGHTS.replies },
    {
      key: 'accepted',
      value: post.accepted === null ? null : post.accepted ? 1 : 0,
      normalised: post.accepted === null ? null : post.accepted ? 1 : 0,
      weight: post.accepted === null ? 0 : QUALITY_WEIGHTS.accepted,
    },
    {
      key: 'readingDepth',
      value: post.readingDepth,
      normalised: post.readingDepth === null ? null : clamp01(post.readingDepth),
      weight: post.readingDepth === null ? 0 : QUALITY_WEIGHTS.readingDepth,
    },
  ];
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const corrections = Math.max(0, post.moderatorCorrections || 0);
  const penalty = 0.5 * Math.min(1, corrections / 2);
  let base = 0;
  const components: QualityComponent[] = parts.map((p) => {
    const weight = p.weight / total;
    const n = p.normalised ?? 0;
    base += weight * n;
    return { key: p.key, value: p.value, normalised: p.normalised, weight, points: 100 * weight * n };
  });
  components.push({ key: 'corrections', value: corrections, normalised: Math.min(1, corrections / 2), weight: 0.5, points: -100 * base * penalty });
  return { postId: post.postId, authorId: post.authorId, score: Math.round(100 * base * (1 - penalty)), components };
}

/** Every post's quality against the references of these posts (the community). */
export function communityPostQuality(posts: readonly PostQualityInput[]): PostQuality[] {
  const refs = qualityReferences(posts);
  return posts.map((p) => postQuality(p, refs));
}

export interface AuthorQuality {
  authorId: string;
  posts: number;
  /** Plain mean of their post scores. */
  mean: number;
  /** Mean shrunk towards the community mean (the score to show), rounded. */
  score: number;
}

export function authorQuality(scored: readonly PostQuality[], priorPosts = AUTHOR_PRIOR_POSTS): AuthorQuality[] {
  if (scored.length === 0) return [];
  const mu = scored.reduce((s, p) => s + p.score, 0) / scored.length;
  const by = new Map<string, number[]>();
  for (const p of scored) {
    if (p.authorId === null) continue;
    let list = by.get(p.authorId);
    if (!list) by.set(p.authorId, (list = []));
    list.push(p.score);
  }
  return [...by].map(([authorId, scores]) => {
    const sum = scores.reduce((s, x) => s + x, 0);
    return { authorId, posts: scores.length, mean: sum / scores.length, score: Math.round((sum + priorPosts * mu) / (scores.length + priorPosts)) };
  });
}
