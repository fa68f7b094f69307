import type { Model } from '../engine/model';
import { LN_EPS } from '../engine/ops/layernorm';

/**
 * Logit lens at one residual point: read each position's stream through the final LayerNorm
 * and the tied unembedding, as if the network stopped there. Writes the top-K ids and
 * probabilities, and the rank of a chosen word per position (−1 where none is given).
 */
export function lensAtPoint(
  model: Model,
  stream: ArrayLike<number>, // (T, C)
  T: number,
  K: number,
  topIds: Int32Array, // (T, K) out
  topProbs: Float32Array, // (T, K) out
  rankOf: [ArrayLike<number>, Int32Array][], // (word per position, rank out) pairs
): void {
  const C = model.config.dModel;
  const V = model.config.vocabSize;
  const wte = model.params.get('transformer.wte.weight');
  const g = model.params.get('transformer.ln_f.weight');
  const b = model.params.get('transformer.ln_f.bias');
  const h = new Float64Array(C);
  const logits = new Float64Array(V);
  for (let t = 0; t < T; t++) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += stream[t * C + c];
    mean /= C;
    let v = 0;
    for (let c = 0; c < C; c++) v += (stream[t * C + c] - mean) ** 2;
    const r = 1 / Math.sqrt(v / C + LN_EPS);
    for (let c = 0; c < C; c++) h[c] = (stream[t * C + c] - mean) * r * g[c] + b[c];
    let max = -Infinity;
    for (let w = 0; w < V; w++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += h[c] * wte[w * C + c];
      logits[w] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let w = 0; w < V; w++) sum += Math.exp(logits[w] - max);
    // Top K by repeated selection: K is 5 and V a few hundred, so this beats sorting.
    for (let k = 0; k < K; k++) {
      let best = -1;
      for (let w = 0; w < V; w++) {
        if (best >= 0 && logits[w] <= logits[best]) continue;
        let taken = false;
        for (let j = 0; j < k; j++) if (topIds[t * K + j] === w) taken = true;
        if (!taken) best = w;
      }
      topIds[t * K + k] = best;
      topProbs[t * K + k] = Math.exp(logits[best] - max) / sum;
    }
    for (const [words, ranks] of rankOf) {
      const w = t < words.length ? words[t] : -1;
      if (w < 0) {
        ranks[t] = -1;
        continue;
      }
      let rank = 0;
      for (let u = 0; u < V; u++) if (logits[u] > logits[w]) rank++;
      ranks[t] = rank;
    }
  }
}
