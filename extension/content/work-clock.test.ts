import { describe, expect, it } from 'vitest';
import { addWork, clocked, timed, WORK_MARK, workSoFar } from './work-clock';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

function published(): { ms: number; chunks: number } {
  const marks = performance.getEntriesByName(WORK_MARK, 'mark') as PerformanceMark[];
  expect(marks).toHaveLength(1); // replaced, never piled up
  return marks[0]!.detail as { ms: number; chunks: number };
}

describe('work clock', () => {
  it('adds up timed work and publishes it as one mark in the page timeline', () => {
    const before = workSoFar();
    expect(timed(() => (spin(5), 42))).toBe(42);
    const cb = clocked((n: number) => (spin(3), n * 2));
    expect(cb(2)).toBe(4);
    const after = workSoFar();
    expect(after.chunks - before.chunks).toBe(2);
    expect(after.ms - before.ms).toBeGreaterThanOrEqual(8);
    expect(published()).toEqual(after);
  });

  it('counts nested work once, and work that throws too', () => {
    const before = workSoFar();
    timed(() => {
      spin(2);
      timed(() => spin(2));
      clocked(() => spin(2))();
    });
    expect(() => timed(() => {
      spin(1);
      throw new Error('boom');
    })).toThrow('boom');
    const after = workSoFar();
    expect(after.chunks - before.chunks).toBe(2);
    expect(after.ms - before.ms).toBeGreaterThanOrEqual(7);
  });

  it('counts the script’s evaluation from its start', () => {
    const before = workSoFar();
    addWork(performance.now() - 10);
    expect(workSoFar().ms - before.ms).toBeGreaterThanOrEqual(10);
    expect(published().chunks).toBe(before.chunks + 1);
  });
});
