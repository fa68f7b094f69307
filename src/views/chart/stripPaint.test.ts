import { describe, expect, it } from 'vitest';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { SHADES, shadeIndex, stripPixels, type StripLayout } from './stripPaint';

/** Pixel by pixel, straight from the rule: the cell under the pixel's centre, if any. */
function naive(rows: number[][], max: number, l: StripLayout): number[] {
  const out: number[] = [];
  for (let py = 0; py < l.height; py++)
    for (let px = 0; px < l.width; px++) {
      const x = (px + 0.5) / l.dpr;
      const y = (py + 0.5) / l.dpr;
      const r = Math.floor(y / l.band);
      const i = Math.floor(x / l.cell);
      const inCell = y - r * l.band < l.cellHeight && (l.cell < 4 || x - i * l.cell < l.cell - 0.5);
      const v = rows[r]?.[i];
      if (!inCell || v === undefined) out.push(0, 0, 0, 0);
      else out.push(...SHADES[shadeIndex(v, max)], 255);
    }
  return out;
}

describe('the strips’ pixels', () => {
  it('match a pixel-by-pixel reference on random data, wide and narrow cells, any dpr', () => {
    let s = 7;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 6;
    for (const [cell, dpr, n] of [
      [9, 1, 12],
      [3.4, 2, 40],
      [5.25, 1.5, 17],
    ]) {
      const rows = Array.from({ length: 3 }, () => Array.from({ length: n }, rand));
      const width = Math.round(n * cell * dpr) + 3;
      const l = { cell, cellHeight: 5, band: 8, dpr, width, height: Math.round(30 * dpr) };
      expect(Array.from(stripPixels(rows, 2, l))).toEqual(naive(rows, 2, l));
    }
  });

  it('shades on the diverging scale, clipped at ±max', () => {
    expect(SHADES[128]).toEqual(interpolateRdBu(0.5).match(/\d+/g)?.map(Number));
    expect([shadeIndex(-5, 2), shadeIndex(0, 2), shadeIndex(1, 2), shadeIndex(9, 2)]).toEqual([
      0, 128, 192, 256,
    ]);
  });
});
