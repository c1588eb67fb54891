/**
 * Plain data shared by the recommender, the Worker (which stores neighbours in D1) and the
 * extension (which renders reasons). No classes, no functions: everything here survives
 * JSON and a D1 row.
 */

/** What a member did with a thread. `post` = started it, `reply` = answered or commented. */
export type InteractionKind = 'view' | 'reply' | 'like' | 'post';

export interface Interaction {
  user: string;
  item: string;
  /** Milliseconds since the epoch. */
  ts: number;
  kind?: InteractionKind;
  /** Overrides the kind's weight (see `interaction-weight.ts`). */
  weight?: number;
}

/** A thread of the community's catalogue. */
export interface CatalogueItem {
  id: string;
  title: string;
  excerpt?: string;
  tags: string[];
  author?: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  replies?: number;
  likes?: number;
}

export type ReasonKind =
  | 'because_you_read'
  | 'similar_to'
  | 'popular_in_tag'
  | 'new_in_tag_you_follow'
  | 'popular'
  | 'new';

/**
 * Why a thread was picked. `ref` is the thread id for `because_you_read` and `similar_to`,
 * the tag for `popular_in_tag` and `new_in_tag_you_follow`, absent for `popular` and `new`.
 */
export interface Reason {
  kind: ReasonKind;
  ref?: string;
}

export interface Recommendation {
  item: string;
  score: number;
  reason: Reason;
}

export interface Neighbour {
  item: string;
  score: number;
}

/** Top-k related threads per thread, best first. */
export type Neighbours = Map<string, Neighbour[]>;
