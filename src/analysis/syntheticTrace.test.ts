import { describe, expect, it } from 'vitest';
import { syntheticTrace } from './syntheticTrace';

describe('syntheticTrace', () => {
  it('accumulates contributions into the stream', () => {
    const tr = syntheticTrace(
      1,
      2,
      [
        [1, 0],
        [0, 0],
      ],
      [1, 1],
    );
    expect(tr.nLayers).toBe(1);
    expect(tr.stream.map((s) => Array.from(s))).toEqual([
      [1, 1],
      [2, 1],
      [2, 1],
    ]);
    expect(tr.lesioned).toEqual([false, true]);
  });

  it('rejects vectors of the wrong size and odd sublayer counts', () => {
    expect(() => syntheticTrace(2, 2, [[1, 0]])).toThrow(/even number/);
    expect(() => syntheticTrace(2, 2, [[1], [0]])).toThrow(/\(T, C\)/);
  });
});
