import { describe, expect, it } from 'vitest';
import { CLIP_RATIO, stripCells, stripScale } from './stripCells';

describe('a strip’s cells', () => {
  it('is one cell per dimension when there is room', () => {
    expect(stripCells([1, -2, 3], 10).map((c) => [c.from, c.to, c.value])).toEqual([
      [0, 0, 1],
      [1, 1, -2],
      [2, 2, 3],
    ]);
  });

  it('bins dimensions into runs, each showing its largest |value| with its sign', () => {
    const v = Array.from({ length: 768 }, (_, i) => (i === 447 ? -3000 : (i % 7) - 3));
    const cells = stripCells(v, 256);
    expect(cells).toHaveLength(256);
    expect(cells[0]).toEqual({ from: 0, to: 2, at: 0, value: -3 });
    expect(cells[255].to).toBe(767);
    expect(cells[149]).toEqual({ from: 447, to: 449, at: 447, value: -3000 });
    // Every dimension in exactly one cell.
    expect(cells.reduce((n, c) => n + c.to - c.from + 1, 0)).toBe(768);
  });
});

describe('the strips’ colour scale', () => {
  it('spans the largest |value| when nothing dwarfs the rest', () => {
    expect(
      stripScale([
        [1, -2],
        [0.5, 1.5],
      ]),
    ).toEqual({ limit: 2, clipped: null });
  });

  it('stops at the 99th percentile when a few dimensions dwarf the rest, and counts them', () => {
    const v = Array.from({ length: 768 }, (_, i) => (i < 3 ? 400 + i : ((i % 5) - 2) / 2));
    const s = stripScale([[0.5], v]);
    expect(s.limit).toBe(1);
    expect(s.clipped).toEqual({ count: 3, largest: 402, vector: 1, dimension: 2 });
    // Just under the ratio, the scale is left whole.
    const w = v.map((x) => (x >= 400 ? CLIP_RATIO : x));
    expect(stripScale([w])).toEqual({ limit: CLIP_RATIO, clipped: null });
  });

  it('matches a sort of every |value| on random data, with and without outliers', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
    for (const outliers of [0, 5]) {
      const vs = Array.from({ length: 3 }, () => Float32Array.from({ length: 300 }, rand));
      for (let i = 0; i < outliers; i++) vs[i % 3][i * 7] = 100 + i;
      const abs = vs.flatMap((v) => Array.from(v, Math.abs)).sort((a, b) => a - b);
      const p99 = abs[Math.floor(0.99 * (abs.length - 1))];
      const s = stripScale(vs);
      expect(s.limit).toBe(outliers ? p99 : abs[abs.length - 1]);
      expect(s.clipped?.count ?? 0).toBe(outliers ? abs.filter((a) => a > p99).length : 0);
    }
  });
});
