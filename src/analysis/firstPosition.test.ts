import { describe, expect, it } from 'vitest';
import { FIRST_POSITION_RATIO, firstPositionOutlier } from './firstPosition';

/** A (T, 1) stream whose rows have these lengths. */
const stream = (...lengths: number[]) => Float32Array.from(lengths);

describe('the first position against the others', () => {
  it('finds the point where the first position dwarfs the median of the rest', () => {
    const streams = [stream(2, 1, 1, 3), stream(-60, 2, 3, 4), stream(30, 1, 2, 2)];
    // Point 1: 60 / median(2, 3, 4) = 20; point 2: 30 / 2 = 15; point 0: 2 / 1.
    expect(firstPositionOutlier(streams, 4, 1)).toEqual({
      point: 1,
      norm: 60,
      others: 3,
      ratio: 20,
    });
  });

  it('sets nothing apart below the ratio, or with one position', () => {
    const r = FIRST_POSITION_RATIO;
    expect(firstPositionOutlier([stream(r * 0.99, 1, 1)], 3, 1)).toBeNull();
    expect(firstPositionOutlier([stream(r, 1, 1)], 3, 1)?.ratio).toBe(r);
    expect(firstPositionOutlier([stream(100)], 1, 1)).toBeNull();
  });
});
