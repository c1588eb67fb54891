/**
 * The content script's own main-thread work on a page, added up and published in the
 * page's Performance timeline (User Timing) as one mark, `pulse:work`, whose detail is
 * `{ ms, chunks }`. Every synchronous piece of our work (evaluating the script, reading
 * the page, mounting badges, taking in an answer, tracking what is read) runs through
 * `clocked`/`timed`; nested pieces count once. One mark, replaced at each piece, so a
 * long session never fills the page's timeline. `npm run bench` reads it (content
 * script figure); DevTools shows it beside the forum's own marks.
 * What it cannot see: the browser compiling the script before it runs, and the style and
 * layout work our insertions cause after our code returns (the bench prints that too,
 * as the whole page's task time with and without the extension).
 */
export const WORK_MARK = 'pulse:work';

let total = 0;
let chunks = 0;
let depth = 0;

/** Adds a piece of work that started at `start` (performance.now()) and ends now. */
export function addWork(start: number): void {
  total += performance.now() - start;
  chunks += 1;
  try {
    performance.clearMarks(WORK_MARK);
    performance.mark(WORK_MARK, { detail: { ms: total, chunks } });
  } catch {
    // A page may have replaced `performance`: the clock is for measuring, never for working.
  }
}

/** Runs `fn` now, timed as our work. */
export function timed<R>(fn: () => R): R {
  if (depth > 0) return fn();
  const start = performance.now();
  depth += 1;
  try {
    return fn();
  } finally {
    depth -= 1;
    addWork(start);
  }
}

/** `fn` as a callback whose every call is timed as our work (observers, timers, listeners). */
export function clocked<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => timed(() => fn(...args));
}

/** What the clock holds so far (tests). */
export function workSoFar(): { ms: number; chunks: number } {
  return { ms: total, chunks };
}
