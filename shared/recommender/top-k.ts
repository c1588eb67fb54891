/**
 * The k largest entries of a stream, best first, in O(n log k) with a binary min-heap.
 * Ties are broken by the smaller `id` so the result never depends on input order.
 */
export interface Scored {
  id: number;
  score: number;
}

function worse(a: Scored, b: Scored): boolean {
  return a.score < b.score || (a.score === b.score && a.id > b.id);
}

export class TopK {
  private readonly heap: Scored[] = [];
  constructor(private readonly k: number) {}

  /** Smallest score kept so far once full; -Infinity before. */
  get floor(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0]!.score;
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    const h = this.heap;
    if (h.length === this.k) {
      const root = h[0]!;
      if (score < root.score || (score === root.score && id > root.id)) return;
    }
    const e = { id, score };
    if (h.length < this.k) {
      h.push(e);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    h[0] = e;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  /** Best first. */
  result(): Scored[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
