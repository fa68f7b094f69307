import { describe, expect, it } from 'vitest';
import { argMax, countRises, extremum, finiteMean, firstOverLast, median } from './statistics';

describe('summaries of a list', () => {
  it('takes the median of the finite entries, the middle two averaged for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, NaN, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('finiteMean skips NaN', () => {
    expect(finiteMean([1, NaN, 3])).toBe(2);
    expect(finiteMean(Float32Array.from([1, 2, NaN, 3]))).toBe(2);
    expect(finiteMean([NaN])).toBeNaN();
  });

  it('gives the first-over-last ratio and extremes', () => {
    expect(firstOverLast([1e-6, 1, 2])).toBe(5e-7);
    expect(firstOverLast([])).toBeNaN();
    expect(extremum([3, NaN, -1, 7], 'max')).toEqual({ k: 3, v: 7 });
    expect(extremum([3, NaN, -1, 7], 'min')).toEqual({ k: 2, v: -1 });
    expect(extremum([NaN], 'max')).toBeNull();
  });

  it('counts rises and finds maxima', () => {
    expect(countRises([1, 2, 2, 3, 1])).toBe(2);
    expect(argMax([0.1, 3, 2])).toBe(1);
    expect(argMax([2, 5, 5])).toBe(1);
  });
});
