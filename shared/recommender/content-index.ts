import { fnv1a } from './hashing';
import { fromMap, type SparseVector } from './sparse-vector';
import { tagTerm, tokenize } from './tokenize';
import type { CatalogueItem } from './types';

/**
 * Hashed TF-IDF vectors of threads over title, excerpt and tags (terms from `tokenize.ts`,
 * hashed into `dim` buckets, so no vocabulary is stored):
 *
 *     tf(t)  = sum over fields of fieldWeight * count of t in the field
 *     idf(t) = ln((1 + N) / (1 + df(t))) + 1          (N threads in the catalogue)
 *     v(t)   = ln(1 + tf(t)) * idf(t), then scaled to unit length
 *
 * The index keeps the document frequencies so a thread added later is vectorised on the
 * same scale (`vectorise`). Everything is plain data.
 */
export interface ContentOptions {
  dim: number;
  titleWeight: number;
  excerptWeight: number;
  tagWeight: number;
  /** Only the start of an excerpt is read. */
  maxExcerptChars: number;
}

export const DEFAULT_CONTENT_OPTIONS: Readonly<ContentOptions> = {
  dim: 1 << 18,
  titleWeight: 2,
  excerptWeight: 1,
  tagWeight: 2,
  maxExcerptChars: 1000,
};

export interface ContentIndex {
  options: ContentOptions;
  docs: number;
  df: Map<number, number>;
  vectors: Map<string, SparseVector>;
}

type ItemText = Pick<CatalogueItem, 'title' | 'excerpt' | 'tags'>;

/** Raw weighted term counts per bucket. */
export function termCounts(item: ItemText, o: ContentOptions): Map<number, number> {
  const m = new Map<number, number>();
  const add = (term: string, w: number): void => {
    if (w <= 0) return;
    const b = fnv1a(term) % o.dim;
    m.set(b, (m.get(b) ?? 0) + w);
  };
  for (const t of tokenize(item.title)) add(t, o.titleWeight);
  if (item.excerpt) for (const t of tokenize(item.excerpt.slice(0, o.maxExcerptChars))) add(t, o.excerptWeight);
  for (const tag of item.tags) add(tagTerm(tag), o.tagWeight);
  return m;
}

function weigh(counts: Map<number, number>, docs: number, df: Map<number, number>): SparseVector {
  const m = new Map<number, number>();
  for (const [b, tf] of counts) m.set(b, Math.log1p(tf) * (Math.log((1 + docs) / (1 + (df.get(b) ?? 0))) + 1));
  return fromMap(m);
}

export function buildContentIndex(catalogue: Iterable<CatalogueItem>, options: Partial<ContentOptions> = {}): ContentIndex {
  const o = { ...DEFAULT_CONTENT_OPTIONS, ...options };
  const counts: Array<[string, Map<number, number>]> = [];
  const df = new Map<number, number>();
  for (const item of catalogue) {
    const c = termCounts(item, o);
    counts.push([item.id, c]);
    for (const b of c.keys()) df.set(b, (df.get(b) ?? 0) + 1);
  }
  const vectors = new Map<string, SparseVector>();
  for (const [id, c] of counts) vectors.set(id, weigh(c, counts.length, df));
  return { options: o, docs: counts.length, df, vectors };
}

/** The vector of a thread on an existing index's scale (for threads added since it was built). */
export function vectorise(index: ContentIndex, item: ItemText): SparseVector {
  return weigh(termCounts(item, index.options), index.docs, index.df);
}
