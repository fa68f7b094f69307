/**
 * α, the skip strength in x_{k+1} = α·x_k + f(x_k): 1 is the residual network, 0 the plain
 * stack. In code it is `skipStrength` everywhere (config, safetensors metadata, messages, the
 * store); only the URL keeps the short name `alpha`. This module is the one place that says
 * what a valid α is and which α a pass uses.
 */

/** A valid α: a finite number from 0 to 1 (NaN and ±∞ fail both comparisons or the second). */
export function isSkipStrength(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}

/** What is wrong with a would-be α, or null when it is valid. */
export function skipStrengthProblem(v: unknown): string | null {
  return isSkipStrength(v)
    ? null
    : `skipStrength α must be a number from 0 to 1, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
}

/**
 * The α a pass runs with: the one asked for, or the model's own when none is (null or
 * undefined: "use the model's own α"). Throws when the result is not a valid α.
 */
export function resolveSkipStrength(requested: number | null | undefined, own: number): number {
  const skipStrength = requested ?? own;
  const problem = skipStrengthProblem(skipStrength);
  if (problem) throw new Error(problem);
  return skipStrength;
}

/** The nearest valid α to a reader's input (a slider, a typed number); non-numbers give 0. */
export function clampSkipStrength(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
