import type { Vec } from './vectors';

/**
 * Per-row statistics of a (T, C) matrix, computed in one pass and kept per array: a trace's
 * arrays are never written after they arrive, and the panels ask for the same rows at every
 * render (each arriving point re-renders every panel), which in GPT-2's 25 points × 768 showed
 * as long main-thread tasks. Keyed on the array itself, so a new trace starts afresh and an
 * old one's numbers go with it.
 */
export interface RowStats {
  /** ‖m[t, ·]‖ for each row t. */
  norms: Float64Array;
  /** max_i |m[t, i]| for each row t. */
  maxAbs: Float64Array;
}

const cache = new WeakMap<object, RowStats>();

/** The row norms and largest |value|s of m, viewed as T rows of C. */
export function rowStats(m: Vec, T: number, C: number): RowStats {
  const hit = cache.get(m);
  if (hit && hit.norms.length === T) return hit;
  const norms = new Float64Array(T);
  const maxAbs = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    let big = 0;
    for (let i = t * C, end = i + C; i < end; i++) {
      const v = m[i];
      s += v * v;
      const a = v < 0 ? -v : v;
      if (a > big) big = a;
    }
    norms[t] = Math.sqrt(s);
    maxAbs[t] = big;
  }
  const stats = { norms, maxAbs };
  cache.set(m, stats);
  return stats;
}

/** (1/(T−from))·Σ_{t ≥ from} ‖m[t, ·]‖, from the kept row norms (see meanRowNorm). */
export function meanOfRows(rows: Float64Array, from = 0): number {
  let s = 0;
  for (let t = from; t < rows.length; t++) s += rows[t];
  return s / (rows.length - from);
}
