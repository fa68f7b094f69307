import { describe, expect, it } from 'vitest';
import { outputGuesses, outputHits } from './lensOutput';

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
});
