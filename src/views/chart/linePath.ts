/**
 * An SVG path through points, broken where a point is not `defined` (a gap, not a line to
 * zero): what d3-shape's `line()` with its default linear curve draws, down to the `Z` that
 * closes a lone point so a round cap shows it as a dot, and coordinates rounded to 3 decimals
 * (a thousandth of a pixel; the path's text stays short). Our own because d3-shape's pre-built
 * file keeps all of its shapes and symbols in the page (about 3 KB gzipped), and straight
 * lines are all our charts draw. linePath.test.ts checks it against d3-shape.
 */
const round = (v: number) => Math.round(v * 1000) / 1000;

export function linePath<T>(
  data: readonly T[],
  x: (d: T, i: number) => number,
  y: (d: T, i: number) => number,
  defined: (d: T, i: number) => boolean = () => true,
): string | null {
  let path = '';
  let run = 0;
  data.forEach((d, i) => {
    if (!defined(d, i)) {
      if (run === 1) path += 'Z';
      run = 0;
      return;
    }
    path += `${run === 0 ? 'M' : 'L'}${round(x(d, i))},${round(y(d, i))}`;
    run++;
  });
  if (run === 1) path += 'Z';
  return path || null;
}
