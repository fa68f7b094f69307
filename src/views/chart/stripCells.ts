/**
 * How a vector's dimensions become a strip's cells when there are more of them than pixels to
 * spare (GPT-2's 768 in a few hundred), and the colour scale when a few dimensions dwarf the rest.
 */

/** The narrowest cell, in px, that a pointer can still land on. */
export const MIN_CELL = 3;

/** A run of dimensions [from, to] drawn as one cell, with the one of largest |value| in it. */
export interface StripCell {
  from: number;
  to: number;
  /** The dimension of largest |value|: the cell takes its value, sign and all. */
  at: number;
  value: number;
}

/**
 * C dimensions into at most `cells` runs of (nearly) equal length, each showing its largest
 * |value| so a single outstanding dimension is never averaged away; one cell per dimension when
 * there is room.
 */
export function stripCells(values: ArrayLike<number>, cells: number): StripCell[] {
  const C = values.length;
  const n = Math.max(1, Math.min(C, Math.floor(cells)));
  return Array.from({ length: C === 0 ? 0 : n }, (_, b) => {
    const from = Math.floor((b * C) / n);
    const to = Math.floor(((b + 1) * C) / n) - 1;
    let at = from;
    for (let i = from + 1; i <= to; i++) if (Math.abs(values[i]) > Math.abs(values[at])) at = i;
    return { from, to, at, value: values[at] };
  });
}

/**
 * How many times the 99th percentile of |value| the largest must reach before the colour scale
 * is clipped: GPT-2's stream has a handful of dimensions hundreds of times larger than the rest
 * (at its first position above all), which would leave every other cell white.
 */
export const CLIP_RATIO = 4;

/** The colour scale's ±limit and, when it is clipped, what lies beyond it. */
export interface StripScale {
  limit: number;
  /** Null when nothing is beyond the limit. */
  clipped: { count: number; largest: number; vector: number; dimension: number } | null;
}

/**
 * ±limit for the strips: the largest |value|, unless it is over CLIP_RATIO times the 99th
 * percentile of all |value|s, in which case the scale stops at that percentile and the cells
 * beyond it are counted (drawn at full colour and marked), and the largest is found.
 */
export function stripScale(vectors: readonly ArrayLike<number>[]): StripScale {
  // Typed arrays and plain loops: GPT-2's three strips of 768 are rescaled at every step.
  let n = 0;
  for (const v of vectors) n += v.length;
  const abs = new Float64Array(n);
  n = 0;
  for (const v of vectors)
    for (let i = 0; i < v.length; i++) {
      const a = Math.abs(v[i]);
      if (Number.isFinite(a)) abs[n++] = a;
    }
  const sorted = abs.subarray(0, n).sort();
  const largest = n > 0 ? sorted[n - 1] : 0;
  const p99 = n > 0 ? sorted[Math.floor(0.99 * (n - 1))] : 0;
  if (!(p99 > 0) || largest <= CLIP_RATIO * p99) return { limit: largest, clipped: null };
  let vector = 0;
  let dimension = 0;
  vectors.forEach((v, r) => {
    for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) === largest) [vector, dimension] = [r, i];
  });
  let count = 0;
  for (let i = n - 1; i >= 0 && sorted[i] > p99; i--) count++;
  return { limit: p99, clipped: { count, largest, vector, dimension } };
}
