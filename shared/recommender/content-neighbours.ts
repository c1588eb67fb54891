import type { ContentIndex } from './content-index';
import { TopK } from './top-k';
import type { Neighbours } from './types';

/**
 * Top-k most similar threads per thread by content (cosine of unit TF-IDF vectors), through
 * an inverted index over buckets so only threads that share a term are compared. Threads
 * with no readers yet (new threads) get neighbours this way; the scheduled job can store
 * them beside the co-visitation neighbours.
 */
export function buildContentNeighbours(index: ContentIndex, k = 20, minScore = 0.05): Neighbours {
  const ids = [...index.vectors.keys()].sort();
  const postings = new Map<number, Array<{ doc: number; val: number }>>();
  ids.forEach((id, doc) => {
    const v = index.vectors.get(id)!;
    for (let x = 0; x < v.idx.length; x++) {
      const b = v.idx[x]!;
      let p = postings.get(b);
      if (p === undefined) postings.set(b, (p = []));
      p.push({ doc, val: v.val[x]! });
    }
  });
  const acc = new Float64Array(ids.length);
  const out: Neighbours = new Map();
  ids.forEach((id, doc) => {
    const v = index.vectors.get(id)!;
    const touched: number[] = [];
    for (let x = 0; x < v.idx.length; x++) {
      for (const p of postings.get(v.idx[x]!)!) {
        if (p.doc === doc) continue;
        if (acc[p.doc] === 0) touched.push(p.doc);
        acc[p.doc]! += v.val[x]! * p.val;
      }
    }
    const top = new TopK(k);
    for (const d of touched) {
      if (acc[d]! >= minScore) top.push(d, acc[d]!);
      acc[d] = 0;
    }
    const list = top.result().map((e) => ({ item: ids[e.id]!, score: e.score }));
    if (list.length > 0) out.set(id, list);
  });
  return out;
}
