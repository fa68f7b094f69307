import { describe, expect, it } from 'vitest';
import {
  clampInt,
  extremum,
  firstOverLast,
  largestPair,
  mean,
  meanOffDiagonal,
  num,
  powerTick,
  toValues,
} from './labMath';

describe('lab arithmetic', () => {
  it('averages only the pairs, not a vector with itself', () => {
    // Identity matrix: orthogonal vectors, so the pairs average 0 whatever the diagonal says.
    expect(meanOffDiagonal([1, 0, 0, 0, 1, 0, 0, 0, 1], 3)).toBe(0);
    expect(meanOffDiagonal([1, 0.5, 0.5, 1], 2)).toBe(0.5);
    expect(meanOffDiagonal([1], 1)).toBeNaN();
  });

  it('finds the most aligned pair', () => {
    const m = [1, 0.1, 0.9, 0.1, 1, -0.2, 0.9, -0.2, 1];
    expect(largestPair(m, 3)).toEqual({ i: 0, j: 2, v: 0.9 });
    expect(largestPair([1], 1)).toBeNull();
  });

  it('gives the first-over-last ratio and extremes', () => {
    expect(firstOverLast([1e-6, 1, 2])).toBe(5e-7);
    expect(firstOverLast([])).toBeNaN();
    expect(extremum([3, NaN, -1, 7], 'max')).toEqual({ k: 3, v: 7 });
    expect(extremum([3, NaN, -1, 7], 'min')).toEqual({ k: 2, v: -1 });
    expect(mean([1, 2, NaN, 3])).toBe(2);
  });

  it('formats numbers for prose with plain minus signs', () => {
    expect(num(0.31234)).toBe('0.312');
    expect(num(-0.5)).toBe('-0.5');
    expect(num(1.23e-19)).toBe('1.2e-19');
    expect(num(NaN)).toBe('—');
    expect(num(null)).toBe('—');
  });

  it('turns arrays into chart values and clamps form input', () => {
    expect(toValues(Float32Array.from([1, NaN]), 3)).toEqual([1, null, null]);
    expect(clampInt('7.6', 1, 16, 4)).toBe(8);
    expect(clampInt('99', 1, 16, 4)).toBe(16);
    expect(clampInt('x', 1, 16, 4)).toBe(4);
  });
});

describe('log-axis ticks', () => {
  it('writes small powers plainly and others with superscripts', () => {
    expect(powerTick(1)).toBe('1');
    expect(powerTick(0.01)).toBe('0.01');
    expect(powerTick(100)).toBe('100');
    expect(powerTick(1e-6)).toBe('10⁻⁶');
    expect(powerTick(1e-19)).toBe('10⁻¹⁹');
    expect(powerTick(1e4)).toBe('10⁴');
  });
});
