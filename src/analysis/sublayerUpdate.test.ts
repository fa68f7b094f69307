import { describe, expect, it } from 'vitest';
import { normPath } from './streamTrace';
import { updateAt } from './sublayerUpdate';
import { syntheticStreamTrace } from './syntheticTrace';

/** Two words in two dimensions, one sublayer: x₀ = (3, 0), f = (0, 4) for the first word. */
const tiny = (alpha: number) => syntheticStreamTrace(2, 2, [[0, 4, 1, 0]], [3, 0, 0, 1], alpha);

describe('what a sublayer did to a word', () => {
  it('reads an update: with a skip the output is x + f(x), without it is f(x)', () => {
    const on = updateAt(tiny(1), 0, 0)!;
    expect(on.before).toBeCloseTo(3);
    expect(on.change).toBeCloseTo(4);
    expect(on.after).toBeCloseTo(5);
    expect(on.cosChangeBefore).toBeCloseTo(0);
    expect(on.cosAfterBefore).toBeCloseTo(3 / 5);
    expect(on.afterMinusSum).toBeCloseTo(0);
    expect(on.afterMinusChange).toBeCloseTo(3 / 5); // ‖x‖ / ‖x + f‖
    const off = updateAt(tiny(0), 0, 0)!;
    expect(off.afterMinusChange).toBeCloseTo(0);
    expect(off.afterMinusSum).toBeCloseTo(3 / 4); // ‖x‖ / ‖f‖
    expect(off.cosAfterBefore).toBeCloseTo(0);
    expect(updateAt(tiny(1), 1, 0)).toBeNull(); // no sublayer 1
  });

  it('follows a word’s length along depth', () => {
    expect(normPath(tiny(1), 0)).toEqual([3, 5]);
    expect(normPath(tiny(1), 5)).toEqual([null, null]);
  });
});
