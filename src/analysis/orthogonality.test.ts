import { describe, expect, it } from 'vitest';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { largestPair, meanOffDiagonal, orthogonality, orthogonalitySummary } from './orthogonality';
import { syntheticTrace } from './syntheticTrace';
import { randomAbsCosine } from './vectors';

describe('orthogonality', () => {
  it('gives 0 between orthogonal contributions and 1 on the diagonal', () => {
    // Two tokens in ℝ⁴; sublayer 0 writes e0 / e2, sublayer 1 writes e1 / e3.
    const tr = syntheticTrace(2, 4, [
      [1, 0, 0, 0, 0, 0, 2, 0],
      [0, 3, 0, 0, 0, 0, 0, -1],
    ]);
    const o = orthogonality(tr);
    expect(o.sublayers).toBe(2);
    expect(Array.from(o.cosine)).toEqual([1, 0, 0, 1]);
    expect(Array.from(o.absCosine)).toEqual([1, 0, 0, 1]);
  });

  it('gives 1 between identical directions and −1 between opposite ones, |cos| 1 for both', () => {
    const f = [1, 2, 3, 4];
    const o = orthogonality(syntheticTrace(1, 4, [f, f.map((v) => 2 * v)]));
    expect(o.cosine[1]).toBeCloseTo(1, 6);
    const flipped = orthogonality(syntheticTrace(1, 4, [f, f.map((v) => -v)]));
    expect(flipped.cosine[1]).toBeCloseTo(-1, 6);
    expect(flipped.absCosine[1]).toBeCloseTo(1, 6);
  });

  it('averages per-token cosines (mean of cos, not cos of means)', () => {
    // Token 0: parallel (cos 1); token 1: orthogonal (cos 0) → mean 0.5.
    const o = orthogonality(
      syntheticTrace(2, 2, [
        [1, 0, 1, 0],
        [5, 0, 0, 5],
      ]),
    );
    expect(o.cosine[1]).toBeCloseTo(0.5, 6);
  });

  it('measures each contribution against the stream it is added to', () => {
    // x_0 = (1, 0); f_0 = (2, 0) is parallel to it, f_1 = (0, 1) orthogonal to x_1 = (3, 0).
    const o = orthogonality(
      syntheticTrace(
        1,
        2,
        [
          [2, 0],
          [0, 1],
        ],
        [1, 0],
      ),
    );
    expect(o.withStream[0]).toBeCloseTo(1, 6);
    expect(o.withStream[1]).toBeCloseTo(0, 6);
  });

  it('leaves a lesioned (zero) contribution out: NaN, not a made-up angle', () => {
    const o = orthogonality(
      syntheticTrace(1, 2, [
        [1, 0],
        [0, 0],
      ]),
    );
    expect(o.cosine[0]).toBe(1);
    expect(o.cosine[1]).toBeNaN();
    expect(o.withStream[1]).toBeNaN();
  });

  it('on a real model: symmetric, unit diagonal, with the random-vector scale for its C', () => {
    const model = new Model({ vocabSize: 13, dModel: 16, nHeads: 2, nLayers: 2, contextLength: 8 });
    const traces = [
      [1, 5, 2, 9, 3],
      [4, 4, 7, 1, 0],
    ].map((t) => traceSequence(model, t));
    const o = orthogonality(traces);
    const S = 4;
    for (let i = 0; i < S; i++) {
      expect(o.cosine[i * S + i]).toBeCloseTo(1, 5);
      for (let j = 0; j < S; j++) expect(o.cosine[i * S + j]).toBe(o.cosine[j * S + i]);
    }
    expect(o.randomAbsCosine).toBe(randomAbsCosine(16));
    expect(o.withStream.every((v) => Math.abs(v) <= 1)).toBe(true);
  });
});

describe('orthogonalitySummary', () => {
  it('averages the pairs of sublayers and names the most aligned one', () => {
    const summary = orthogonalitySummary(
      {
        contributionAbsCosine: [1, 0.2, 0.4, 0.2, 1, 0.6, 0.4, 0.6, 1],
        contributionCosine: [1, -0.2, 0.4, -0.2, 1, 0.1, 0.4, 0.1, 1],
        randomAbsCosine: 0.25,
      },
      3,
    );
    expect(summary.meanAbs).toBeCloseTo(0.4, 12); // (0.2 + 0.4 + 0.6) / 3
    expect(summary.random).toBe(0.25);
    expect(summary.top).toEqual({ i: 0, j: 2, v: 0.4 });
  });
});

describe('pairs of sublayers in a cosine matrix', () => {
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
});
