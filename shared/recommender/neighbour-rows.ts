import type { Neighbours } from './types';

/** One D1 row of the neighbour table: (item, rank) is the key, rank 0 the best neighbour. */
export interface NeighbourRow {
  item: string;
  neighbour: string;
  rank: number;
  score: number;
}

export function neighboursToRows(neighbours: Neighbours): NeighbourRow[] {
  const rows: NeighbourRow[] = [];
  for (const [item, list] of neighbours) list.forEach((n, rank) => rows.push({ item, neighbour: n.item, rank, score: n.score }));
  return rows;
}

/** Back to the map, each list best first whatever order the rows come in. */
export function neighboursFromRows(rows: Iterable<NeighbourRow>): Neighbours {
  const byItem = new Map<string, NeighbourRow[]>();
  for (const r of rows) {
    let list = byItem.get(r.item);
    if (list === undefined) byItem.set(r.item, (list = []));
    list.push(r);
  }
  const out: Neighbours = new Map();
  for (const [item, list] of byItem) {
    list.sort((a, b) => a.rank - b.rank);
    out.set(item, list.map((r) => ({ item: r.neighbour, score: r.score })));
  }
  return out;
}
