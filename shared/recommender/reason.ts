import type { MemberProfile } from './member-profile';
import { normaliseTag } from './member-profile';
import type { CatalogueItem, Reason } from './types';

/** Each signal's share of a pick's score (weight * normalised value). */
export interface Contributions {
  covisit: number;
  content: number;
  tag: number;
  popularity: number;
  recency: number;
}

export interface ReasonContext {
  item: CatalogueItem;
  contributions: Contributions;
  /** The read thread that contributed most to the co-visitation score. */
  because?: string;
  /** The read thread most similar in content, if any. */
  similarTo?: string;
  profile: MemberProfile;
  isNew: boolean;
}

/** The item's tag the member cares most about (followed tags first), if any. */
export function bestTag(item: CatalogueItem, profile: MemberProfile, followedOnly: boolean): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const raw of item.tags) {
    const tag = normaliseTag(raw);
    const followed = profile.followed.has(tag);
    if (followedOnly && !followed) continue;
    const s = (followed ? 2 : 0) + (profile.tagAffinity.get(tag) ?? 0);
    if (s > bestScore) {
      bestScore = s;
      best = raw;
    }
  }
  return best;
}

/**
 * The reason shown for a pick: the signal that contributed most, said in the member's terms.
 * - co-visitation -> because_you_read <thread>
 * - content -> similar_to <thread>
 * - tag -> new_in_tag_you_follow <tag> (a new thread) or popular_in_tag <tag>
 * - popularity -> popular_in_tag <followed tag> or popular
 * - recency -> new_in_tag_you_follow <followed tag> or new
 */
export function reasonFor(ctx: ReasonContext): Reason {
  const c = ctx.contributions;
  const ranked = (Object.keys(c) as Array<keyof Contributions>)
    .filter((k) => c[k] > 0)
    .sort((a, b) => c[b] - c[a]);
  const followedTag = bestTag(ctx.item, ctx.profile, true);
  for (const kind of ranked) {
    if (kind === 'covisit' && ctx.because !== undefined) return { kind: 'because_you_read', ref: ctx.because };
    if (kind === 'content' && ctx.similarTo !== undefined) return { kind: 'similar_to', ref: ctx.similarTo };
    if (kind === 'tag') {
      const tag = followedTag ?? bestTag(ctx.item, ctx.profile, false);
      if (tag !== undefined) return ctx.isNew ? { kind: 'new_in_tag_you_follow', ref: tag } : { kind: 'popular_in_tag', ref: tag };
    }
    if (kind === 'popularity') return followedTag !== undefined ? { kind: 'popular_in_tag', ref: followedTag } : { kind: 'popular' };
    if (kind === 'recency') return followedTag !== undefined ? { kind: 'new_in_tag_you_follow', ref: followedTag } : { kind: 'new' };
  }
  return ctx.isNew ? { kind: 'new' } : { kind: 'popular' };
}
