import { describe, expect, it } from 'vitest';
import { embeddingCosine } from './embeddingKept';
import { syntheticStreamTrace } from './syntheticTrace';

describe('the embedding still in the stream', () => {
  // Two words in ℝ²: word 0 starts on e0, word 1 on e1.
  const x0 = [1, 0, 0, 1];

  it('is 1 at the embedding, and falls as sublayers write across it (mean over words)', () => {
    // Sublayer 0 writes e1 onto word 0 (cos 1/√2) and nothing onto word 1 (cos 1).
    const tr = syntheticStreamTrace(
      2,
      2,
      [
        [0, 1, 0, 0],
        [0, 0, 0, 0],
      ],
      x0,
    );
    expect(embeddingCosine(tr, 0)).toBe(1);
    expect(embeddingCosine(tr, 1)).toBeCloseTo((Math.SQRT1_2 + 1) / 2, 6);
  });

  it('is gone (0) when the skips are off and a sublayer writes at right angles', () => {
    const tr = syntheticStreamTrace(
      2,
      2,
      [
        [0, 3, 2, 0],
        [0, 0, 0, 0],
      ],
      x0,
      0,
    );
    expect(embeddingCosine(tr, 1)).toBe(0);
  });

  it('waits for the points it reads', () => {
    const tr = syntheticStreamTrace(
      2,
      2,
      [
        [0, 1, 0, 0],
        [0, 0, 0, 0],
      ],
      x0,
    );
    expect(embeddingCosine({ ...tr, points: [tr.points[0], undefined] }, 1)).toBeNull();
  });
});
