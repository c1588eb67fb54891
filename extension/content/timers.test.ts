import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Timers } from './timers';

function fakeContext() {
  const listeners: Array<() => void> = [];
  return {
    isInvalid: false,
    listeners,
    onInvalidated(cb: () => void) {
      listeners.push(cb);
      return () => undefined;
    },
    invalidate() {
      this.isInvalid = true;
      for (const l of listeners) l();
    },
  };
}

describe('Timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs and forgets timers, with one invalidation listener however many are set', () => {
    const ctx = fakeContext();
    const timers = new Timers(ctx);
    const ran: number[] = [];
    for (let i = 0; i < 1000; i++) timers.set(() => ran.push(i), 10);
    const cleared = timers.set(() => ran.push(-1), 10);
    timers.clear(cleared);
    expect(timers.size).toBe(1000);
    vi.advanceTimersByTime(10);
    expect(ran).toHaveLength(1000);
    expect(ran).not.toContain(-1);
    expect(timers.size).toBe(0);
    expect(ctx.listeners).toHaveLength(1);
  });

  it('stops every pending timer when the content script is invalidated', () => {
    const ctx = fakeContext();
    const timers = new Timers(ctx);
    const ran: number[] = [];
    timers.set(() => ran.push(1), 10);
    timers.set(() => ran.push(2), 20);
    ctx.invalidate();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
    expect(timers.size).toBe(0);
  });
});
