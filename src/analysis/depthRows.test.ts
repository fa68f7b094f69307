import { describe, expect, it } from 'vitest';
import { comparedRuns, depthRows, gapParts, ownRuns, rowAtDepth, sameSweep } from './depthRows';

const run = (layers: number, init: number, trained: number, scheme = 'gpt2') => ({
  layers,
  init: scheme,
  initFirstOverLast: init,
  trainedFirstOverLast: trained,
});

describe('depth sweep rows', () => {
  it('pairs the runs with and without skips depth by depth, each from its own init', () => {
    const rows = depthRows([run(2, 1, 0.9), run(8, 0.8, 0.7)], [run(2, 1e-2, 1e-3, 'xavier')]);
    expect(rows).toEqual([
      {
        layers: 2,
        onScheme: 'gpt2',
        onInit: 1,
        onTrained: 0.9,
        offScheme: 'xavier',
        offInit: 1e-2,
        offTrained: 1e-3,
      },
    ]);
    expect(rowAtDepth(rows, 2)).toBe(rows[0]);
    expect(rowAtDepth(rows, 5)).toBe(rows[0]); // not swept: the shallowest row
    expect(rowAtDepth([], 2)).toBeUndefined();
  });

  it('tells the network’s own init from the compared one, and splits the gap between them', () => {
    // Without skips, each depth from Xavier's (its own) and then GPT-2's init.
    const off = [
      run(2, 1e-2, 1e-3, 'xavier'),
      run(2, 1e-10, 1e-12, 'gpt2'),
      run(4, 1e-3, 1e-4, 'xavier'),
      run(4, 1e-19, 1e-20, 'gpt2'),
    ];
    const on = [run(2, 1, 0.9), run(4, 1, 0.8)];
    expect(ownRuns(off).map((r) => r.layers)).toEqual([2, 4]);
    expect(comparedRuns(off).map((r) => r.init)).toEqual(['gpt2', 'gpt2']);
    expect(comparedRuns(on)).toEqual([]);
    const rows = depthRows(on, off);
    expect(rows.map((r) => r.offInit)).toEqual([1e-2, 1e-3]);
    const parts = gapParts(rows[1], off)!;
    expect(parts.scheme).toBe('gpt2');
    expect(parts.init).toBeCloseTo(16);
    expect(parts.skips).toBeCloseTo(3);
    expect(gapParts(rows[1], ownRuns(off))).toBeNull();
  });

  it('knows a sweep by its settings, init included', () => {
    const p = { layers: [2, 4], norm: 'pre', trainSteps: 50, seed: 1 };
    expect(sameSweep(p, { ...p, layers: [2, 4] })).toBe(true);
    expect(sameSweep(p, { ...p, seed: 2 })).toBe(false);
    expect(sameSweep(p, { ...p, layers: [2] })).toBe(false);
    expect(sameSweep(p, { ...p, compareInit: 'gpt2' })).toBe(false);
    expect(sameSweep(p, { ...p, init: 'gpt2' })).toBe(false);
    expect(sameSweep(null, p)).toBe(false);
  });
});
