/**
 * Summaries of a list of numbers, as the captions, the tour's sentences
 * and the measures quote them. Non-finite entries (a measure with no value at that point, a
 * diverged run) are skipped rather than allowed to turn the whole summary into NaN.
 */
import type { Vec } from './vectors';

/** Median of the finite entries (the mean of the middle two for an even count); NaN when none. */
export function median(a: ArrayLike<number>): number {
  const s = Array.from(a)
    .filter(Number.isFinite)
    .sort((x, y) => x - y);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
}

/** Mean of the finite entries; NaN when there are none. */
export function finiteMean(values: Iterable<number>): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Index and value of the largest (or smallest) finite entry, or null. */
export function extremum(a: Vec, which: 'max' | 'min'): { k: number; v: number } | null {
  let best: { k: number; v: number } | null = null;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (!Number.isFinite(v)) continue;
    if (!best || (which === 'max' ? v > best.v : v < best.v)) best = { k, v };
  }
  return best;
}

/** Index of the largest entry (the first one on a tie). */
export function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** How many steps of a path go up (each step compared with the one before). */
export function countRises(values: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) n++;
  return n;
}

/**
 * a[0] / a[last]: for gradient norms along depth, ‖∂L/∂x_0‖ / ‖∂L/∂x_2L‖, how much of the
 * gradient entering the top of the stack reaches the bottom. NaN if empty.
 */
export function firstOverLast(a: Vec): number {
  return a.length ? a[0] / a[a.length - 1] : NaN;
}
