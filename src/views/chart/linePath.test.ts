import { line } from 'd3-shape';
import { describe, expect, it } from 'vitest';
import { linePath } from './linePath';

describe('linePath', () => {
  it('draws what d3-shape’s line() draws, gaps and lone points included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 0.5;
    for (let trial = 0; trial < 200; trial++) {
      const data = Array.from({ length: trial % 13 }, () => random());
      const defined = (v: number) => v > 0;
      const x = (_: number, i: number) => i * 17.5;
      const y = (v: number) => 100 - v * 40;
      const d3Line = line<number>().defined(defined).x(x).y(y);
      expect(linePath(data, x, y, defined), JSON.stringify(data)).toBe(d3Line(data));
    }
  });

  it('is null when nothing is drawable, as d3 gives', () => {
    expect(linePath([], Number, Number)).toBeNull();
    expect(linePath([1, 2], Number, Number, () => false)).toBeNull();
  });
});
