import { describe, expect, it } from 'vitest';
import { decompositionAt, stackExtent, streamDecomposition } from './decomposition';
import { syntheticStreamTrace } from './syntheticTrace';
import { rowNorm } from './vectors';

describe('stream decomposition', () => {
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

  it('splits a streamed trace into parts that add up to its length', () => {
    // Two words in two dimensions: x₀ = (3, 0), f = (0, 4) for the first word.
    const trace = (alpha: number) =>
      syntheticStreamTrace(2, 2, [[0, 4, 1, 0]], [3, 0, 0, 1], alpha);
    const parts = decompositionAt(trace(1), 1, 0)!;
    expect(parts[0] + parts[1]).toBeCloseTo(5);
    expect(parts[0]).toBeCloseTo(9 / 5); // x₀·x₁/‖x₁‖ = 9/5
    expect(decompositionAt(trace(0), 1, 0)![0]).toBe(0);
    // A removed sublayer passes the stream on with a = 1, whatever α is.
    const cut = syntheticStreamTrace(2, 2, [[0, 4, 1, 0]], [3, 0, 0, 1], 0, [true]);
    expect(decompositionAt(cut, 1, 0)![0]).toBeCloseTo(3);
    expect(decompositionAt(trace(1), 2, 0)).toBeNull(); // point 2 has not arrived
  });
});

describe('stackExtent', () => {
  it('spans the sum of negative parts to the sum of positive parts, up to a point', () => {
    const bars = [[1], [0.5, -0.25], null, [2, -1, 3]];
    expect(stackExtent(bars, 0)).toEqual([0, 1]);
    expect(stackExtent(bars, 2)).toEqual([-0.25, 1]);
    expect(stackExtent(bars, 3)).toEqual([-1, 5]);
  });
});
