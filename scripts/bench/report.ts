/** One benchmark figure, printed as one JSON line: `{"name", "value", "unit"}` plus context. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is measured against, where there is something to compare with. */
  reference?: number;
  referenceName?: string;
  /** The target the project set for this figure, in the figure's unit. */
  target?: string;
  [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  const round = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
  const out = Object.fromEntries(Object.entries(figure).map(([k, v]) => [k, round(v)]));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Progress on stderr, so stdout stays one JSON line per figure. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
