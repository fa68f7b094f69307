import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';

/** A target of IGNORE contributes neither to the loss nor to the gradient. */
export const IGNORE = -1;

/**
 * Mean softmax cross-entropy (nats) over the rows of logits[N,V] whose target is not IGNORE.
 * Writes the softmax probabilities to `probs` (the backward pass and the views both use them).
 * Returns NaN when no row has a target.
 */
export function crossEntropyForward(
  probs: Floats,
  logits: Floats,
  targets: Int32Array | null,
  N: number,
  V: number,
): number {
  const wasm = f32KernelsFor(probs);
  if (wasm) return wasm.crossEntropyForward(probs, logits, targets, N, V);
  let total = 0;
  let count = 0;
  for (let n = 0; n < N; n++) {
    const row = n * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (logits[row + v] > max) max = logits[row + v];
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const e = Math.exp(logits[row + v] - max);
      probs[row + v] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let v = 0; v < V; v++) probs[row + v] *= inv;
    const target = targets ? targets[n] : IGNORE;
    if (target !== IGNORE) {
      // log p = logit − max − log Σ, computed this way so a tiny probability stays finite.
      total -= logits[row + target] - max - Math.log(sum);
      count++;
    }
  }
  return count === 0 ? NaN : total / count;
}

/** dlogits = (p − onehot(target)) / count, zero on ignored rows. */
export function crossEntropyBackward(
  dlogits: Floats,
  probs: Floats,
  targets: Int32Array,
  N: number,
  V: number,
): void {
  let count = 0;
  for (let n = 0; n < N; n++) if (targets[n] !== IGNORE) count++;
  const scale = count === 0 ? 0 : 1 / count;
  for (let n = 0; n < N; n++) {
    const row = n * V;
    const target = targets[n];
    if (target === IGNORE) {
      dlogits.fill(0, row, row + V);
      continue;
    }
    for (let v = 0; v < V; v++) dlogits[row + v] = probs[row + v] * scale;
    dlogits[row + target] -= scale;
  }
}
