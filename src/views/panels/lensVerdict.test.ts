import { describe, expect, it } from 'vitest';
import { lensVerdict } from './lensVerdict';

const name = (k: number) => `point ${k}`;

describe('the lens caption', () => {
  it('holds when the correct guesses never drop and end higher than they start', () => {
    const v = lensVerdict('skips on', { hits: [0, 2, 2, 5], distinct: [4, 3, 3, 6] }, 9, name);
    expect(v.holds).toBe(true);
    expect(v.text).toContain('sharpens layer by layer');
    expect(v.text).toContain('0 → 2 → 2 → 5 of 9 positions');
    expect(v.text).toContain('No row makes the same guess');
  });

  it('says so when the guesses get worse on the way, and names the uniform rows', () => {
    const v = lensVerdict('skips off', { hits: [1, 3, 0, 4], distinct: [1, 5, 1, 6] }, 9, name);
    expect(v.holds).toBe(false);
    expect(v.text).toContain('does not sharpen steadily');
    expect(v.text).toContain('At point 0 and point 2 every column makes the same guess');
  });

  it('does not hold when nothing improves', () => {
    expect(lensVerdict('x', { hits: [2, 2], distinct: [3, 3] }, 5, name).holds).toBe(false);
  });
});
