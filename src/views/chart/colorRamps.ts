/**
 * The three ColorBrewer ramps the charts use, interpolated as d3-scale-chromatic does (a uniform
 * B-spline through the scheme's colours, per RGB channel). Written out here because that
 * package ships one pre-built file that computes all of its 40 ramps when it loads, so a bundler
 * cannot drop the 37 we never draw: about 6 KB gzipped of a bare link's 150 KB budget.
 * colorRamps.test.ts checks every ramp against d3-scale-chromatic's own.
 */

type Ramp = (t: number) => string;

/** Uniform cubic B-spline basis, the curve d3-interpolate's `basis` draws through v0…v3. */
function basis(t: number, v0: number, v1: number, v2: number, v3: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    ((1 - 3 * t + 3 * t2 - t3) * v0 +
      (4 - 6 * t2 + 3 * t3) * v1 +
      (1 + 3 * t + 3 * t2 - 3 * t3) * v2 +
      t3 * v3) /
    6
  );
}

/** One channel's spline over n + 1 values on [0, 1], its ends extrapolated linearly. */
function spline(values: number[]): (t: number) => number {
  const n = values.length - 1;
  return (t) => {
    const u = Math.min(1, Math.max(0, t));
    const i = u >= 1 ? n - 1 : Math.floor(u * n);
    const v1 = values[i];
    const v2 = values[i + 1];
    const v0 = i > 0 ? values[i - 1] : 2 * v1 - v2;
    const v3 = i < n - 1 ? values[i + 2] : 2 * v2 - v1;
    return basis((u - i / n) * n, v0, v1, v2, v3);
  };
}

const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** "abcdef…" (six hex digits a colour) → a ramp giving CSS `rgb(r, g, b)` like d3-color. */
function ramp(hex: string): Ramp {
  const colours = hex.match(/.{6}/g) ?? [];
  const channel = (c: number) =>
    spline(colours.map((h) => parseInt(h.slice(2 * c, 2 * c + 2), 16)));
  const [r, g, b] = [channel(0), channel(1), channel(2)];
  return (t) => `rgb(${byte(r(t))}, ${byte(g(t))}, ${byte(b(t))})`;
}

/** ColorBrewer Blues, 9 classes: attention sublayers' colours. */
export const interpolateBlues = ramp('f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b');
/** ColorBrewer Oranges, 9 classes: MLP sublayers' colours. */
export const interpolateOranges = ramp('fff5ebfee6cefdd0a2fdae6bfd8d3cf16913d94801a636037f2704');
/** ColorBrewer RdBu, 11 classes: signed values, red below zero and blue above. */
export const interpolateRdBu = ramp(
  '67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061',
);
