import { describe, expect, it } from 'vitest';
import { depthRows, rowAtDepth, sameSweep } from './depthRows';

const run = (layers: number, init: number, trained: number) => ({
  layers,
  initFirstOverLast: init,
  trainedFirstOverLast: trained,
});

describe('depth sweep rows', () => {
  it('pairs the runs with and without skips depth by depth', () => {
    const rows = depthRows([run(2, 1, 0.9), run(8, 0.8, 0.7)], [run(2, 1e-2, 1e-3)]);
    expect(rows).toEqual([
      { layers: 2, onInit: 1, onTrained: 0.9, offInit: 1e-2, offTrained: 1e-3 },
    ]);
    expect(rowAtDepth(rows, 2)).toBe(rows[0]);
    expect(rowAtDepth(rows, 5)).toBe(rows[0]); // not swept: the shallowest row
    expect(rowAtDepth([], 2)).toBeUndefined();
  });

  it('knows a sweep by its settings', () => {
    const p = { layers: [2, 4], norm: 'pre', trainSteps: 50, seed: 1 };
    expect(sameSweep(p, { ...p, layers: [2, 4] })).toBe(true);
    expect(sameSweep(p, { ...p, seed: 2 })).toBe(false);
    expect(sameSweep(p, { ...p, layers: [2] })).toBe(false);
    expect(sameSweep(null, p)).toBe(false);
  });
});
