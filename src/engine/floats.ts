/**
 * The engine computes in Float32 in the app. Tests can run the very same code in Float64,
 * which lets finite-difference checks use tight tolerances and so catch real mistakes
 * instead of drowning them in single-precision round-off.
 */
export type Floats = Float32Array | Float64Array;
export type Precision = 'f32' | 'f64';

export function allocFloats(precision: Precision, length: number): Floats {
  return precision === 'f64' ? new Float64Array(length) : new Float32Array(length);
}

/** ‖v[start .. end)‖₂: the one vector norm (analysis/vectors.ts reads rows through it). */
export function l2(v: ArrayLike<number>, start = 0, end = v.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
