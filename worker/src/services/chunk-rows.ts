import { D1_MAX_BOUND_PARAMS } from '../../../shared/constants';

/** Rows one multi-row INSERT may hold without passing D1's bound-parameter limit. */
export function rowsPerStatement(columnsPerRow: number): number {
  if (columnsPerRow < 1 || columnsPerRow > D1_MAX_BOUND_PARAMS) {
    throw new RangeError(`columnsPerRow must be 1..${D1_MAX_BOUND_PARAMS}`);
  }
  return Math.floor(D1_MAX_BOUND_PARAMS / columnsPerRow);
}

/** Splits rows into groups of at most `size`. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Splits rows so that each INSERT binds at most D1_MAX_BOUND_PARAMS parameters. */
export function chunkForInsert<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!).length;
  return chunk(rows, rowsPerStatement(columns));
}
