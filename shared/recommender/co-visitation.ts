import { touchesOf, MAX_ITEM_WEIGHT } from './interaction-weight';
import { TopK } from './top-k';
import type { Interaction, Neighbours } from './types';

/**
 * Item-to-item co-visitation: two threads are related when the same members read them,
 * preferably one soon after the other.
 *
 * For each member, their threads in the order they first touched them (at most
 * `maxItemsPerUser`, the latest); each thread pairs with the `window` threads before and
 * after it in that order. A pair adds
 *
 *     min(w_ui, w_uj) * d_u * 2^(-|t_i - t_j| / pairHalfLifeMs)
 *
 * where w is the member's weight for the thread (kind weights, capped), d_u damps members
 * who read everything (`userDamping`: 'log' 1/log2(1 + n_u), 'inverse' 1/n_u as in RP3beta,
 * 'none' 1), and the last factor (optional) favours threads read close together in time.
 * The score of j as a neighbour of i is
 *
 *     c_ij / (n_i^rowExponent * n_j^alpha + shrink)
 *
 * with n the thread's own weighted reader count: rowExponent = alpha = 0.5 is cosine;
 * rowExponent = 1 makes each thread's row a distribution (RP3beta), and a larger alpha
 * penalises popular neighbours more. Kept: the top `k` per thread with c_ij >= minCount.
 *
 * Cost: one pass per thread over its readers' windows, with a dense scratch array (no pair
 * map): O(sum over members of n_u * 2 * window) time, O(items + interactions) memory.
 * 100k interactions with window 50 take well under a second (see `scripts/recs/bench.ts`).
 */
export interface NeighbourOptions {
  k: number;
  window: number;
  maxItemsPerUser: number;
  alpha: number;
  rowExponent: number;
  shrink: number;
  minCount: number;
  userDamping: 'none' | 'log' | 'inverse';
  /** 0 or Infinity = no time decay between the two reads. */
  pairHalfLifeMs: number;
  maxItemWeight: number;
}

export const DEFAULT_NEIGHBOUR_OPTIONS: Readonly<NeighbourOptions> = {
  k: 50,
  window: 50,
  maxItemsPerUser: 500,
  alpha: 0.5,
  rowExponent: 0.5,
  shrink: 0,
  minCount: 0,
  userDamping: 'log',
  pairHalfLifeMs: 0,
  maxItemWeight: MAX_ITEM_WEIGHT,
};

export function buildNeighbours(interactions: Iterable<Interaction>, options: Partial<NeighbourOptions> = {}): Neighbours {
  const o = { ...DEFAULT_NEIGHBOUR_OPTIONS, ...options };
  const window = Math.max(1, Math.floor(Math.min(o.window, 1e9)));

  // Group by member.
  const perUser = new Map<string, Interaction[]>();
  for (const i of interactions) {
    let list = perUser.get(i.user);
    if (list === undefined) perUser.set(i.user, (list = []));
    list.push(i);
  }

  // Intern thread ids; build each member's sequence.
  const ids: string[] = [];
  const index = new Map<string, number>();
  const intern = (id: string): number => {
    let n = index.get(id);
    if (n === undefined) {
      n = ids.length;
      ids.push(id);
      index.set(id, n);
    }
    return n;
  };
  const seqItems: Int32Array[] = [];
  const seqWeights: Float64Array[] = [];
  const seqTimes: Float64Array[] = [];
  const userWeight: number[] = [];
  const users = [...perUser.keys()].sort();
  for (const user of users) {
    let touches = touchesOf(perUser.get(user)!, o.maxItemWeight);
    if (touches.length > o.maxItemsPerUser) touches = touches.slice(touches.length - o.maxItemsPerUser);
    const n = touches.length;
    seqItems.push(Int32Array.from(touches, (t) => intern(t.item)));
    seqWeights.push(Float64Array.from(touches, (t) => t.weight));
    seqTimes.push(Float64Array.from(touches, (t) => t.firstTs));
    const m = Math.max(1, n);
    userWeight.push(o.userDamping === 'log' ? 1 / Math.log2(1 + m) : o.userDamping === 'inverse' ? 1 / m : 1);
  }

  const nItems = ids.length;
  // Weighted reader count per thread, and where each thread occurs (member, position).
  const readers = new Float64Array(nItems);
  const occCount = new Int32Array(nItems + 1);
  for (let u = 0; u < seqItems.length; u++) {
    const s = seqItems[u]!;
    const w = seqWeights[u]!;
    for (let p = 0; p < s.length; p++) {
      readers[s[p]!]! += w[p]! * userWeight[u]!;
      occCount[s[p]! + 1]!++;
    }
  }
  for (let i = 0; i < nItems; i++) occCount[i + 1]! += occCount[i]!;
  const occUser = new Int32Array(occCount[nItems]!);
  const occPos = new Int32Array(occCount[nItems]!);
  const fill = occCount.slice(0, nItems);
  for (let u = 0; u < seqItems.length; u++) {
    const s = seqItems[u]!;
    for (let p = 0; p < s.length; p++) {
      const at = fill[s[p]!]!++;
      occUser[at] = u;
      occPos[at] = p;
    }
  }

  const readersAlpha = readers.map((n) => Math.pow(n, o.alpha));
  const decay = o.pairHalfLifeMs > 0 && Number.isFinite(o.pairHalfLifeMs) ? Math.LN2 / o.pairHalfLifeMs : 0;
  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const seen = new Uint8Array(nItems);
  const out: Neighbours = new Map();
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0;
    for (let at = occCount[i]!; at < occCount[i + 1]!; at++) {
      const u = occUser[at]!;
      const p = occPos[at]!;
      const s = seqItems[u]!;
      const w = seqWeights[u]!;
      const t = seqTimes[u]!;
      const wi = w[p]!;
      const du = userWeight[u]!;
      const from = Math.max(0, p - window);
      const to = Math.min(s.length - 1, p + window);
      for (let q = from; q <= to; q++) {
        if (q === p) continue;
        const j = s[q]!;
        const wj = w[q]!;
        let add = (wi < wj ? wi : wj) * du;
        if (decay !== 0) add *= Math.exp(-decay * Math.abs(t[p]! - t[q]!));
        if (seen[j] === 0) {
          seen[j] = 1;
          touched[nTouched++] = j;
        }
        acc[j]! += add;
      }
    }
    if (nTouched === 0) continue;
    const top = new TopK(o.k);
    const ni = Math.pow(readers[i]!, o.rowExponent);
    for (let x = 0; x < nTouched; x++) {
      const j = touched[x]!;
      const c = acc[j]!;
      acc[j] = 0;
      seen[j] = 0;
      if (c < o.minCount || c <= 0) continue;
      top.push(j, c / (ni * readersAlpha[j]! + o.shrink));
    }
    const list = top.result().map((e) => ({ item: ids[e.id]!, score: e.score }));
    if (list.length > 0) out.set(ids[i]!, list);
  }
  return out;
}
