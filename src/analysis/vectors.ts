/**
 * Small vector helpers the measures share. Vectors are rows of flat row-major buffers, so each
 * helper takes the buffer and the row's start offset rather than a copied slice.
 */
import { l2 } from '../engine/floats';

/** Anything the engine hands out: Float32Array, Float64Array or a plain array. */
export type Vec = ArrayLike<number>;

/** Σ a[ia + i]·b[ib + i] for i < n. */
export function dot(a: Vec, ia: number, b: Vec, ib: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ia + i] * b[ib + i];
  return s;
}

/** ‖a[ia .. ia+n)‖₂ */
export function norm(a: Vec, ia: number, n: number): number {
  return l2(a, ia, ia + n);
}

/** cos(a, b) = a·b / (‖a‖‖b‖); NaN when either vector is zero (the angle is undefined). */
export function cosine(a: Vec, ia: number, b: Vec, ib: number, n: number): number {
  const na = norm(a, ia, n);
  const nb = norm(b, ib, n);
  if (na === 0 || nb === 0) return NaN;
  // Round-off can push |cos| a hair past 1 for parallel vectors.
  return Math.max(-1, Math.min(1, dot(a, ia, b, ib, n) / (na * nb)));
}

// Row t of a flat (T, C) buffer, as the worker's trace messages hold the stream.

/** ‖m[t, ·]‖₂ */
export const rowNorm = (m: Vec, t: number, C: number): number => norm(m, t * C, C);

/** a[t, ·]·b[t, ·] */
export const rowDot = (a: Vec, b: Vec, t: number, C: number): number => dot(a, t * C, b, t * C, C);

/**
 * cos(a[t, ·], b[t, ·]), but 0 (not NaN) when either row is zero: the charts draw a zero
 * stream as "no alignment" rather than a gap.
 */
export function rowCosine(a: Vec, b: Vec, t: number, C: number): number {
  const na = rowNorm(a, t, C);
  const nb = rowNorm(b, t, C);
  return na === 0 || nb === 0 ? 0 : rowDot(a, b, t, C) / (na * nb);
}

/**
 * (1/(T−from))·Σ_{t ≥ from} ‖m[t, ·]‖: the typical length of a word's vector, from row `from`
 * on (1 leaves out a first position that dwarfs the rest, as GPT-2's does).
 */
export function meanRowNorm(m: Vec, T: number, C: number, from = 0): number {
  let s = 0;
  for (let t = from; t < T; t++) s += rowNorm(m, t, C);
  return s / (T - from);
}

// Lanczos approximation (g = 7, 9 terms): ln Γ to ~15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  // Reflection keeps the series in its accurate range: Γ(x)Γ(1−x) = π / sin(πx).
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * E|cos| between two independent random directions in ℝ^C (e.g. isotropic Gaussian vectors):
 *
 *   E|cos| = Γ(C/2) / (√π · Γ((C+1)/2))  ≈ √(2/(πC)) for large C,
 *
 * computed through ln Γ so that C in the thousands does not overflow. (E[cos] itself is 0.)
 */
export function randomAbsCosine(C: number): number {
  if (!Number.isInteger(C) || C < 1)
    throw new RangeError(`dimension must be a positive integer, got ${C}`);
  return Math.exp(logGamma(C / 2) - logGamma((C + 1) / 2)) / Math.sqrt(Math.PI);
}
