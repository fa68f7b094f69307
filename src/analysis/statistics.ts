/**
 * Summaries of a list of numbers or of a square matrix, as the captions, the tour's sentences
 * and the measures quote them. Non-finite entries (a measure with no value at that point, a
 * diverged run) are skipped rather than allowed to turn the whole summary into NaN.
 */
import type { Vec } from './vectors';

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

/** A cell of an n×n matrix above its diagonal. */
export interface MatrixPair {
  i: number;
  j: number;
  v: number;
}

/** Finite entries above the diagonal of an n×n row-major matrix. */
function offDiagonal(m: Vec, n: number): MatrixPair[] {
  const out: MatrixPair[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = m[i * n + j];
      if (Number.isFinite(v)) out.push({ i, j, v });
    }
  return out;
}

/** Mean of the entries above the diagonal (the matrices here are symmetric); NaN if none. */
export function meanOffDiagonal(m: Vec, n: number): number {
  const cells = offDiagonal(m, n);
  return cells.length ? cells.reduce((s, c) => s + c.v, 0) / cells.length : NaN;
}

/** The off-diagonal pair with the largest value, or null for n < 2. */
export function largestPair(m: Vec, n: number): MatrixPair | null {
  let best: MatrixPair | null = null;
  for (const c of offDiagonal(m, n)) if (!best || c.v > best.v) best = c;
  return best;
}
