import { describe, expect, it } from 'vitest';
import { clampSkipStrength, isSkipStrength } from './skipStrength';
import { resolveSkipStrength, skipStrengthProblem } from './skipStrength';

describe('skip strength α', () => {
  it('is a finite number from 0 to 1', () => {
    for (const ok of [0, 0.25, 1]) expect(isSkipStrength(ok)).toBe(true);
    for (const bad of [-0.01, 1.01, NaN, Infinity, -Infinity, '0.5', null, undefined]) {
      expect(isSkipStrength(bad)).toBe(false);
      expect(skipStrengthProblem(bad)).toMatch(/skipStrength α must be a number from 0 to 1/);
    }
    expect(skipStrengthProblem(0.5)).toBeNull();
  });

  it("resolves null or undefined to the model's own α, and refuses an invalid one", () => {
    expect(resolveSkipStrength(null, 1)).toBe(1);
    expect(resolveSkipStrength(undefined, 0.5)).toBe(0.5);
    expect(resolveSkipStrength(0, 1)).toBe(0);
    expect(() => resolveSkipStrength(2, 1)).toThrow(/got 2/);
    expect(() => resolveSkipStrength(null, NaN)).toThrow(/got NaN/);
  });

  it('clamps a reader’s input to the nearest valid α', () => {
    expect(clampSkipStrength(3)).toBe(1);
    expect(clampSkipStrength(-1)).toBe(0);
    expect(clampSkipStrength(NaN)).toBe(0);
    expect(clampSkipStrength(0.3)).toBe(0.3);
  });
});
