import { describe, expect, it } from 'vitest';
import { lensRows, outputGuesses, outputHits } from './lensOutput';

describe('the lens at the output', () => {
  it('reads the last point’s top word and counts correct next-word guesses', () => {
    // P = 2 points, T = 3 words, K = 2 guesses each; only the last point (p = 1) counts.
    const end = {
      lensTopIds: Int32Array.from([0, 0, 0, 0, 0, 0, 2, 1, 1, 0, 9, 0]),
      lensNextRank: Int32Array.from([0, 0, -1, 0, 3, -1]),
    };
    expect(outputGuesses(end, 3, ['a', 'b', 'c'])).toEqual(['c', 'b', '?']);
    expect(outputHits(end, 3)).toBe(1);
  });

  it('counts, per point, the correct next-word guesses and the distinct top words', () => {
    // Same layout: point 0 guesses word 0 everywhere and hits twice; point 1 hits once.
    const end = {
      lensTopIds: Int32Array.from([0, 0, 0, 0, 0, 0, 2, 1, 1, 0, 9, 0]),
      lensNextRank: Int32Array.from([0, 0, -1, 0, 3, -1]),
    };
    expect(lensRows(end, 3)).toEqual({ hits: [2, 1], distinct: [1, 3] });
  });
});
