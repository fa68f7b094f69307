/**
 * Softmax over the rows of a flat (T, V) logit buffer. Probabilities come out as
 *
 *   p_j = exp(x_j − lse),   lse = ln Σ_j exp(x_j) = m + ln Σ_j exp(x_j − m),  m = max_j x_j,
 *
 * so a logit of 1000 does not overflow and a tiny probability keeps a finite logarithm.
 */
import type { Vec } from './vectors';

/** ln Σ_j exp(x[o + j]) over j < V, computed around the row's maximum. */
export function logSumExp(x: Vec, o: number, V: number): number {
  let max = -Infinity;
  for (let j = 0; j < V; j++) max = Math.max(max, x[o + j]);
  let sum = 0;
  for (let j = 0; j < V; j++) sum += Math.exp(x[o + j] - max);
  return max + Math.log(sum);
}

/**
 * −ln p(ids[t + 1] | row t) for each position t of (T, V) logits: the loss the model pays at
 * each word for the word that follows. NaN at the last position, which has no next word.
 */
export function nextTokenLosses(
  logits: Vec,
  ids: ArrayLike<number>,
  T: number,
  V: number,
): Float64Array {
  const out = new Float64Array(T).fill(NaN);
  for (let t = 0; t + 1 < T; t++) out[t] = logSumExp(logits, t * V, V) - logits[t * V + ids[t + 1]];
  return out;
}
