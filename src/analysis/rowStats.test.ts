import { describe, expect, it } from 'vitest';
import { meanOfRows, rowStats } from './rowStats';
import { meanRowNorm, rowNorm } from './vectors';

function random(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 10;
  });
}

describe('row statistics', () => {
  it('agree with the per-row norm and a naive largest |value| on random data', () => {
    const [T, C] = [7, 33];
    const m = random(T * C, 3);
    const { norms, maxAbs } = rowStats(m, T, C);
    for (let t = 0; t < T; t++) {
      expect(norms[t]).toBeCloseTo(rowNorm(m, t, C), 10);
      expect(maxAbs[t]).toBe(Math.max(...Array.from(m.subarray(t * C, (t + 1) * C), Math.abs)));
    }
    expect(meanOfRows(norms, 1)).toBeCloseTo(meanRowNorm(m, T, C, 1), 10);
    expect(meanOfRows(norms)).toBeCloseTo(meanRowNorm(m, T, C), 10);
  });

  it('are kept per array, and computed afresh for another', () => {
    const a = random(12, 1);
    const b = random(12, 2);
    expect(rowStats(a, 3, 4)).toBe(rowStats(a, 3, 4));
    expect(rowStats(b, 3, 4).norms[0]).toBeCloseTo(rowNorm(b, 0, 4), 10);
  });
});
