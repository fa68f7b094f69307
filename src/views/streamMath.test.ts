import { describe, expect, it } from 'vitest';
import { rowCosine, rowNorm, streamDecomposition } from './streamMath';

describe('stream arithmetic', () => {
  it('norms and cosines per row', () => {
    const a = [3, 4, 1, 0];
    const b = [-3, -4, 0, 2];
    expect(rowNorm(a, 0, 2)).toBe(5);
    expect(rowCosine(a, b, 0, 2)).toBeCloseTo(-1, 12);
    expect(rowCosine(a, b, 1, 2)).toBeCloseTo(0, 12);
    expect(rowCosine([0, 0], [1, 1], 0, 2)).toBe(0);
  });

  it('decomposes x_k into signed lengths that add up to ‖x_k‖, for any α', () => {
    // Build x_3 = a2(a1(a0·x0 + f0) + f1) + f2 by hand and check the parts.
    const C = 3;
    const x0 = [1, 0, 2];
    const f = [
      [0, 1, 0],
      [2, -1, 1],
      [-1, 0.5, 0],
    ];
    for (const keep of [
      [1, 1, 1],
      [0, 0, 0],
      [0.5, 1, 0.25],
    ]) {
      let x = x0.slice();
      for (let i = 0; i < 3; i++) x = x.map((v, c) => keep[i] * v + f[i][c]);
      const parts = streamDecomposition(x0, f, keep, x, 0, C);
      expect(parts).toHaveLength(4);
      expect(parts.reduce((s, v) => s + v, 0)).toBeCloseTo(rowNorm(x, 0, C), 12);
      if (keep[0] === 0 && keep[1] === 0 && keep[2] === 0) {
        // Plain stack: the stream is the last sublayer's output alone.
        expect(parts.slice(0, 3)).toEqual([0, 0, 0].map(() => expect.closeTo(0, 12)));
        expect(parts[3]).toBeCloseTo(rowNorm(f[2], 0, C), 12);
      }
    }
  });
});
