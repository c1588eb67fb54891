import { buildContentIndex, vectorise, type ContentIndex } from './content-index';
import { scoreByNeighbours } from './co-visitation-scores';
import { diversify } from './diversify';
import { memberProfile, normaliseTag } from './member-profile';
import { cataloguePopularity, DAY_MS, recency } from './priors';
import { reasonFor, type Contributions } from './reason';
import type { SparseVector } from './sparse-vector';
import { TopK } from './top-k';
import { dot } from './sparse-vector';
import type { CatalogueItem, Interaction, Neighbours, Recommendation } from './types';

/**
 * The hybrid: for every thread of the catalogue the member has not touched,
 *
 *     score = w.covisit    * covisit / max covisit      (item-to-item co-visitation)
 *           + w.content    * content / max content      (cosine to the member's reading)
 *           + w.tag        * affinity of its best tag   (read tags, declared interests)
 *           + w.popularity * ln(1 + pop) / ln(1 + max pop)
 *           + w.recency    * 2^(-age / recencyHalfLifeMs)
 *
 * then a greedy re-rank for variety (`diversify.ts`) and one reason per pick (`reason.ts`).
 * Cold starts fall out of the formula: a new member has no co-visitation or content score,
 * so popularity, recency and their declared interests decide; a new thread has no
 * neighbours and no readers, so content, tags and recency carry it.
 */
export interface BlendWeights {
  covisit: number;
  content: number;
  tag: number;
  popularity: number;
  recency: number;
}

export interface RecommendOptions {
  weights: BlendWeights;
  /** A member's read fades by half every this many ms (Infinity: never). */
  historyHalfLifeMs: number;
  /** Only the member's latest threads are used. */
  maxHistory: number;
  /** A thread's recency prior halves every this many ms of age. */
  recencyHalfLifeMs: number;
  /** A thread younger than this is "new" in reasons. */
  newWithinMs: number;
  /** Multiplier per earlier pick sharing a tag (1: off). */
  diversity: number;
  /** At most this many picks share one tag while others remain (Infinity: off). */
  maxPerTag: number;
  /** The thread on screen counts as a read of this weight. */
  currentWeight: number;
  /** A tag is followed once the member touched this many threads with it. */
  followMinReads: number;
  /** Only this many of the member's latest threads are compared for "similar to". */
  similarToScan: number;
  /** Tag weight for a member with no reads yet: their declared interests are all we know. */
  coldStartTagWeight: number;
}

/**
 * Defaults for a forum, from the Stack Exchange evaluation (validation cuts only), toned
 * down where one small site is thin evidence: on a Q&A site fresh threads in a member's
 * subjects are what they answer next (recency and content weigh most); on MovieLens,
 * co-visitation dominates (see `npm run eval:recs`).
 */
export const DEFAULT_RECOMMEND_OPTIONS: Readonly<RecommendOptions> = {
  weights: { covisit: 1, content: 0.6, tag: 0.3, popularity: 0.2, recency: 0.6 },
  historyHalfLifeMs: 90 * DAY_MS,
  maxHistory: 200,
  recencyHalfLifeMs: 3 * DAY_MS,
  newWithinMs: 7 * DAY_MS,
  diversity: 0.9,
  maxPerTag: 4,
  currentWeight: 3,
  followMinReads: 2,
  similarToScan: 50,
  coldStartTagWeight: 0.6,
};

export interface RecommendInput {
  user: string;
  /** This member's interactions (others' are ignored). */
  history: Interaction[];
  catalogue: CatalogueItem[];
  neighbours: Neighbours;
  /** Precomputed popularity (`buildPopularity`); without it, the catalogue's reply and like counts. */
  popularity?: Map<string, number>;
  /** Precomputed content vectors; built from the catalogue when absent. */
  content?: ContentIndex;
  /** Tags the member declared. */
  interests?: string[];
  /** The thread the member is looking at: counts as a read, never recommended. */
  current?: string;
  now: number;
  k?: number;
  exclude?: Set<string>;
  options?: Partial<Omit<RecommendOptions, 'weights'>> & { weights?: Partial<BlendWeights> };
}

function maxOf(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

export function recommend(input: RecommendInput): Recommendation[] {
  const o: RecommendOptions = {
    ...DEFAULT_RECOMMEND_OPTIONS,
    ...input.options,
    weights: { ...DEFAULT_RECOMMEND_OPTIONS.weights, ...input.options?.weights },
  };
  const w = o.weights;
  const k = input.k ?? 10;
  const now = input.now;
  const itemsById = new Map(input.catalogue.map((c) => [c.id, c]));

  const history = input.history.filter((i) => i.user === input.user);
  if (input.current !== undefined) {
    history.push({ user: input.user, item: input.current, ts: now, weight: o.currentWeight });
  }
  const profile = memberProfile(history, itemsById, input.interests ?? [], now, o);
  const excluded = new Set<string>(input.exclude ?? []);
  for (const i of history) excluded.add(i.item);

  // Co-visitation.
  const covisit = w.covisit > 0 ? scoreByNeighbours(profile.reads, input.neighbours) : new Map();
  const maxCovisit = maxOf([...covisit.entries()].filter(([id]) => !excluded.has(id)).map(([, s]) => s.score));

  // Content: cosine of each thread to the weighted sum of the member's reads.
  let index: ContentIndex | undefined = input.content;
  const vectorOf = (id: string): SparseVector | undefined => {
    const hit = index?.vectors.get(id);
    if (hit !== undefined || index === undefined) return hit;
    const item = itemsById.get(id);
    return item === undefined ? undefined : vectorise(index, item);
  };
  const profileTerms = new Map<number, number>();
  if (w.content > 0 && profile.reads.size > 0) {
    index ??= buildContentIndex(input.catalogue);
    for (const [id, rw] of profile.reads) {
      const v = vectorOf(id);
      if (v === undefined) continue;
      for (let x = 0; x < v.idx.length; x++) profileTerms.set(v.idx[x]!, (profileTerms.get(v.idx[x]!) ?? 0) + rw * v.val[x]!);
    }
  }
  const contentOf = (id: string): number => {
    if (profileTerms.size === 0) return 0;
    const v = vectorOf(id);
    if (v === undefined) return 0;
    let s = 0;
    for (let x = 0; x < v.idx.length; x++) s += (profileTerms.get(v.idx[x]!) ?? 0) * v.val[x]!;
    return s;
  };

  const popRaw = (c: CatalogueItem): number => input.popularity?.get(c.id) ?? (input.popularity ? 0 : cataloguePopularity(c));
  const candidates = input.catalogue.filter((c) => !excluded.has(c.id));
  const n = candidates.length;
  const contentRaw = new Float64Array(n);
  const popValue = new Float64Array(n);
  let maxContent = 0;
  let maxPop = 0;
  for (let x = 0; x < n; x++) {
    const c = candidates[x]!;
    if (profileTerms.size > 0) {
      contentRaw[x] = contentOf(c.id);
      if (contentRaw[x]! > maxContent) maxContent = contentRaw[x]!;
    }
    popValue[x] = popRaw(c);
    if (popValue[x]! > maxPop) maxPop = popValue[x]!;
  }
  const logMaxPop = Math.log1p(maxPop);

  const tagWeight = profile.reads.size === 0 ? Math.max(w.tag, o.coldStartTagWeight) : w.tag;
  const contributionsOf = (x: number): Contributions => {
    const c = candidates[x]!;
    const cv = covisit.get(c.id);
    let tagAff = 0;
    if (profile.tagAffinity.size > 0) for (const t of c.tags) tagAff = Math.max(tagAff, profile.tagAffinity.get(normaliseTag(t)) ?? 0);
    return {
      covisit: cv && maxCovisit > 0 ? (w.covisit * cv.score) / maxCovisit : 0,
      content: maxContent > 0 ? (w.content * contentRaw[x]!) / maxContent : 0,
      tag: tagWeight * tagAff,
      popularity: logMaxPop > 0 ? (w.popularity * Math.log1p(popValue[x]!)) / logMaxPop : 0,
      recency: w.recency * recency(c.createdAt, now, o.recencyHalfLifeMs),
    };
  };
  const total = (c: Contributions): number => c.covisit + c.content + c.tag + c.popularity + c.recency;

  // Only the best few need objects: diversity re-ranks a pool of max(50, 5k) candidates.
  // Ties go to the thread listed first in the catalogue.
  const pool = new TopK(Math.max(50, 5 * k));
  for (let x = 0; x < n; x++) pool.push(x, total(contributionsOf(x)));
  const scored = pool.result().map((e) => {
    const x = e.id;
    const c = candidates[x]!;
    return { item: c.id, score: e.score, tags: c.tags.map(normaliseTag), c, contributions: contributionsOf(x), because: covisit.get(c.id)?.because };
  });

  const penalty = Math.min(1, Math.max(0, o.diversity));
  const picks = diversify(scored, k, penalty, o.maxPerTag);

  // "Similar to": the most similar of the member's latest reads, for the picks only.
  const recentReads = [...profile.reads.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.similarToScan)
    .map(([id]) => id);
  const similarTo = (id: string): string | undefined => {
    const v = vectorOf(id);
    if (v === undefined) return undefined;
    let best: string | undefined;
    let bestScore = 0;
    for (const r of recentReads) {
      const rv = vectorOf(r);
      if (rv === undefined) continue;
      const s = dot(v, rv);
      if (s > bestScore) {
        bestScore = s;
        best = r;
      }
    }
    return best;
  };

  return picks.map((p) => ({
    item: p.item,
    score: p.adjusted,
    reason: reasonFor({
      item: p.c,
      contributions: p.contributions,
      because: p.because,
      similarTo: p.contributions.content > 0 ? similarTo(p.item) : undefined,
      profile,
      isNew: now - p.c.createdAt < o.newWithinMs,
    }),
  }));
}
