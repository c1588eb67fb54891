/**
 * A sparse vector as plain data (JSON- and D1-friendly): indices ascending, one value each.
 */
export interface SparseVector {
  idx: number[];
  val: number[];
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export function norm(a: SparseVector): number {
  let s = 0;
  for (const v of a.val) s += v * v;
  return Math.sqrt(s);
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot(a, b) / n;
}

/** From a map of index -> value, dropping zeros, scaled to unit length (the zero vector stays zero). */
export function fromMap(m: Map<number, number>, unit = true): SparseVector {
  const idx = [...m.keys()].filter((k) => m.get(k) !== 0).sort((x, y) => x - y);
  const val = idx.map((k) => m.get(k)!);
  if (unit) {
    const n = Math.sqrt(val.reduce((s, v) => s + v * v, 0));
    if (n > 0) for (let i = 0; i < val.length; i++) val[i] = val[i]! / n;
  }
  return { idx, val };
}

/** sum_k w_k * v_k, unit length. */
export function weightedSum(parts: Array<{ vector: SparseVector; weight: number }>): SparseVector {
  const m = new Map<number, number>();
  for (const { vector, weight } of parts) {
    for (let i = 0; i < vector.idx.length; i++) {
      const k = vector.idx[i]!;
      m.set(k, (m.get(k) ?? 0) + weight * vector.val[i]!);
    }
  }
  return fromMap(m);
}
