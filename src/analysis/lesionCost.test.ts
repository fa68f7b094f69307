import { describe, expect, it } from 'vitest';
import { lesionMeasure } from './lesionCost';

describe('lesion cost', () => {
  it('sorts lesions into cheap and expensive', () => {
    const m = lesionMeasure({ intact: 3, lesioned: new Float32Array([3.1, 6.5, 3.2]) }, 0.25);
    expect(m.increases.map((v) => +v.toFixed(5))).toEqual([0.1, 3.5, 0.2]);
    expect(m.cheap).toEqual([0, 2]);
    expect(m.expensive).toEqual([1]);
    expect(m.maxCheap).toBeCloseTo(0.2, 5);
    expect(m.dearest?.k).toBe(1);
    expect(m.dearest?.v).toBeCloseTo(3.5, 5);
    // Every removal lowering the loss: the dearest is the smallest drop, still a drop.
    expect(lesionMeasure({ intact: 2, lesioned: [1.5, 1.9] }, 0.25).dearest).toEqual({
      k: 1,
      v: expect.closeTo(-0.1, 9),
    });
    expect(lesionMeasure({ intact: 0, lesioned: [1] }, 0.25).maxCheap).toBeNaN();
  });
});
