/**
 * Coordinate descent over a grid: starting from `start`, try each value of each parameter
 * in turn (the others fixed), keep a change only if it raises the score, and repeat for
 * `rounds` passes or until a pass changes nothing. Deterministic: parameters and values
 * are tried in the order given; scores of settings already tried are reused.
 */
export type Grid<P> = { [K in keyof P]?: ReadonlyArray<P[K]> };

export interface TuneResult<P> {
  best: P;
  score: number;
  evaluations: number;
}

export function coordinateDescent<P extends object>(
  start: P,
  grid: Grid<P>,
  score: (params: P) => number,
  options: { rounds?: number; log?: (line: string) => void } = {},
): TuneResult<P> {
  const cache = new Map<string, number>();
  const evaluate = (p: P): number => {
    const key = JSON.stringify(p);
    let s = cache.get(key);
    if (s === undefined) {
      s = score(p);
      cache.set(key, s);
    }
    return s;
  };
  let best = { ...start };
  let bestScore = evaluate(best);
  options.log?.(`start ${JSON.stringify(best)} -> ${bestScore.toFixed(4)}`);
  for (let round = 0; round < (options.rounds ?? 2); round++) {
    let changed = false;
    for (const key of Object.keys(grid) as Array<keyof P>) {
      for (const value of grid[key] ?? []) {
        if (Object.is(best[key], value)) continue;
        const trial = { ...best, [key]: value };
        const s = evaluate(trial);
        if (s > bestScore + 1e-12) {
          best = trial;
          bestScore = s;
          changed = true;
          options.log?.(`  ${String(key)} = ${JSON.stringify(value)} -> ${s.toFixed(4)}`);
        }
      }
    }
    if (!changed) break;
  }
  return { best, score: bestScore, evaluations: cache.size };
}
