import { interpolateRdBu } from './colorRamps';

/**
 * The strips' cells as one RGBA image: painting GPT-2's 768 cells a row with a fillRect each
 * (and a fillStyle string each) cost ~190 ms a trace in the profile; this fills one pixel row per
 * strip and copies it down, and the canvas takes the whole image in one putImageData.
 */

/** The diverging scale as 257 RGB triples, from −max (0) through 0 (128) to +max (256). */
export const SHADES: readonly (readonly [number, number, number])[] = Array.from(
  { length: 257 },
  (_, i) => {
    const [r, g, b] = (interpolateRdBu(i / 256).match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    return [r, g, b] as const;
  },
);

/** Which of the 257 shades a value takes on a ±max scale (clipped at the ends). */
export const shadeIndex = (v: number, max: number): number => {
  const i = Math.round(128 + (128 * v) / max);
  return Number.isNaN(i) ? 128 : Math.max(0, Math.min(256, i));
};

/** Where the cells go, in CSS px, and the device pixels per CSS px. */
export interface StripLayout {
  /** Width of one cell. */
  cell: number;
  /** Height of one strip's cells, and from one strip's top to the next. */
  cellHeight: number;
  band: number;
  dpr: number;
  /** The image's size in device pixels. */
  width: number;
  height: number;
}

/**
 * The image of `rows` (each strip's cell values) on the ±max scale. A device pixel takes the
 * cell under its centre; cells 4 px or wider leave their last half pixel clear, the hairline
 * between them; pixels between strips and past the last cell stay transparent.
 */
export function stripPixels(
  rows: readonly ArrayLike<number>[],
  max: number,
  { cell, cellHeight, band, dpr, width, height }: StripLayout,
): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(width * height * 4);
  const hairline = cell >= 4 ? cell - 0.5 : Infinity;
  // The cell under each pixel column, or −1 for a hairline: the same for every strip.
  const column = new Int32Array(width);
  for (let px = 0; px < width; px++) {
    const x = (px + 0.5) / dpr;
    const i = Math.floor(x / cell);
    column[px] = x - i * cell < hairline ? i : -1;
  }
  const line = width * 4;
  rows.forEach((values, r) => {
    let first = -1;
    for (let py = 0; py < height; py++) {
      const y = (py + 0.5) / dpr;
      if (y < r * band || y - r * band >= cellHeight) continue;
      if (first >= 0) {
        data.copyWithin(py * line, first * line, (first + 1) * line);
        continue;
      }
      first = py;
      for (let px = 0; px < width; px++) {
        const i = column[px];
        if (i < 0 || i >= values.length) continue;
        const [red, green, blue] = SHADES[shadeIndex(values[i], max)];
        const o = py * line + px * 4;
        data[o] = red;
        data[o + 1] = green;
        data[o + 2] = blue;
        data[o + 3] = 255;
      }
    }
  });
  return data;
}
