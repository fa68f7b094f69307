import { describe, expect, it } from 'vitest';
import { processTree } from './dropMemory';

describe('the processes bench:drop sums', () => {
  it('are the browser and everything below it, not its siblings', () => {
    // 1 → 10 (the bench) → 20 (browser) → 30, 31 (zygote, gpu) → 40 (a renderer under the zygote)
    const parentOf = new Map([
      [10, 1],
      [20, 10],
      [21, 10],
      [30, 20],
      [31, 20],
      [40, 30],
      [50, 1],
    ]);
    expect(processTree(20, parentOf).sort()).toEqual([20, 30, 31, 40]);
    expect(processTree(40, parentOf)).toEqual([40]);
  });
});
