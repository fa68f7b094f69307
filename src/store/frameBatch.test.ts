import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_MS, createFrameBatch } from './frameBatch';

describe('createFrameBatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const clock = () => Date.now();

  it('hands over everything pushed before it runs, in order, in one call', () => {
    const calls: number[][] = [];
    const batch = createFrameBatch<number>((xs) => calls.push(xs), clock);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('runs at most once per frame interval, however fast items come', () => {
    const calls: number[][] = [];
    const batch = createFrameBatch<number>((xs) => calls.push(xs), clock);
    // An item every 2 ms for 100 ms.
    for (let i = 0; i < 50; i++) {
      batch.push(i);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(FRAME_MS);
    const times = calls.length;
    expect(times).toBeGreaterThanOrEqual(100 / FRAME_MS - 1);
    expect(times).toBeLessThanOrEqual(100 / FRAME_MS + 2);
    expect(calls.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('flush applies now and cancel drops what waits', () => {
    const calls: number[][] = [];
    const batch = createFrameBatch<number>((xs) => calls.push(xs), clock);
    batch.push(1);
    batch.flush();
    expect(calls).toEqual([[1]]);
    batch.flush();
    expect(calls).toEqual([[1]]);
    batch.push(2);
    batch.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([[1]]);
  });
});
