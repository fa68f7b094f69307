import { describe, expect, it } from 'vitest';
import { lensFromColumns, lensRows, outputGuesses, outputHits } from './lensOutput';

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

describe('columns read one at a time', () => {
  it('lays the positions read out as a whole lens, the others marked unread', () => {
    // T = 3 words, P = 2 points, K = 2; only position 1 has been read.
    const col = { topIds: [7, 8, 9, 6], topProbs: [0.5, 0.25, 0.75, 0.125], nextRank: [4, 0] };
    const lens = lensFromColumns(3, 2, { 1: col }, 2);
    expect(lens.read).toEqual([false, true, false]);
    expect([...lens.topIds]).toEqual([-1, -1, 7, 8, -1, -1, -1, -1, 9, 6, -1, -1]);
    expect([...lens.topProbs]).toEqual([0, 0, 0.5, 0.25, 0, 0, 0, 0, 0.75, 0.125, 0, 0]);
    expect([...lens.nextRank]).toEqual([-1, 4, -1, -1, 0, -1]);
    // Read back the way the whole lens is: point 1 at position 1 guesses the next word.
    expect(lensRows({ lensTopIds: lens.topIds, lensNextRank: lens.nextRank }, 3).hits).toEqual([
      0, 1,
    ]);
  });
});
