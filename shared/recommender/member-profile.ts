import { touchesOf, type ItemTouch } from './interaction-weight';
import type { CatalogueItem, Interaction } from './types';

/**
 * What the recommender knows about one member: the threads they touched (latest
 * `maxHistory`), each with a weight that fades with time, and how much they care about
 * each tag (read tags and declared interests).
 */
export interface MemberProfile {
  /** Thread -> weight: interaction weight * 2^(-(now - lastTs) / historyHalfLifeMs). */
  reads: Map<string, number>;
  /** Tag (lower-cased) -> affinity in [0, 1]; declared interests are 1. */
  tagAffinity: Map<string, number>;
  /** Tags the member declared or touched at least `followMinReads` threads of. */
  followed: Set<string>;
}

export interface ProfileOptions {
  historyHalfLifeMs: number;
  maxHistory: number;
  followMinReads: number;
}

const PLAIN_TAG = /^[a-z0-9][a-z0-9._+#-]*$/;

/** Tags compare NFKC-folded, lower-cased and trimmed ("SQL" = "sql" = "ＳＱＬ"). */
export const normaliseTag = (tag: string): string => (PLAIN_TAG.test(tag) ? tag : tag.normalize('NFKC').toLowerCase().trim());

export function memberProfile(
  history: Iterable<Interaction>,
  itemsById: Map<string, CatalogueItem>,
  interests: Iterable<string>,
  now: number,
  o: ProfileOptions,
): MemberProfile {
  let touches: ItemTouch[] = touchesOf(history);
  if (touches.length > o.maxHistory) {
    touches = [...touches].sort((a, b) => b.lastTs - a.lastTs || (a.item < b.item ? -1 : 1)).slice(0, o.maxHistory);
  }
  const reads = new Map<string, number>();
  const fade = Number.isFinite(o.historyHalfLifeMs) && o.historyHalfLifeMs > 0;
  for (const t of touches) {
    const age = Math.max(0, now - t.lastTs);
    reads.set(t.item, t.weight * (fade ? Math.pow(2, -age / o.historyHalfLifeMs) : 1));
  }

  const tagWeight = new Map<string, number>();
  const tagReads = new Map<string, number>();
  for (const [item, w] of reads) {
    const tags = itemsById.get(item)?.tags ?? [];
    for (const raw of new Set(tags.map(normaliseTag))) {
      tagWeight.set(raw, (tagWeight.get(raw) ?? 0) + w);
      tagReads.set(raw, (tagReads.get(raw) ?? 0) + 1);
    }
  }
  const max = Math.max(0, ...tagWeight.values());
  const tagAffinity = new Map<string, number>();
  for (const [tag, w] of tagWeight) tagAffinity.set(tag, max > 0 ? w / max : 0);
  const followed = new Set<string>();
  for (const [tag, n] of tagReads) if (n >= o.followMinReads) followed.add(tag);
  for (const raw of interests) {
    const tag = normaliseTag(raw);
    if (tag === '') continue;
    tagAffinity.set(tag, 1);
    followed.add(tag);
  }
  return { reads, tagAffinity, followed };
}
