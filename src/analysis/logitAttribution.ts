/**
 * Direct logit attribution: how much each sublayer's write to the stream pushes the logit of one
 * word above the average word, at one position. Without LayerNorm inside the blocks' sums
 * (pre-LN or none), the top of the stream is a weighted sum of what was written into it:
 *
 *   x_2L = α^(2L)·x_0 + Σ_k α^(2L−1−k)·f_k      (every weight 1 with skips)

 * The logit gap of word w over the mean word is d·LN_f(x_2L) with d = W_te[w] − mean_v W_te[v]
 * (the unembedding is tied), and LN_f(x) = γ ⊙ (x − mean(x))/σ + β.
 *
 * Approximation: σ, the final LayerNorm's spread, is frozen at its value for the whole stream.
 * Then LN_f is affine, and the gap splits exactly into one term per writer,
 *
 *   attribution(y) = Σ_c d_c·γ_c·(y_c − mean(y)) / σ,   plus d·β from LN_f's bias,
 *
 * which add up to the full gap. What it does not say: how a writer would change σ, and so the
 * others' shares, were it removed (a lesion measures that).
 */
import type { Model } from '../engine/model';

export interface LogitAttribution {
  /** The word whose logit gap is split. */
  target: number;
  /** logit(target) − mean over words of logit: the sum of everything below. */
  total: number;
  /** x_0's share: the token and position embeddings. */
  embedding: number;
  /** (2L): sublayer k's share. */
  sublayer: Float64Array;
  /** d·β: LN_f's bias, the same at every position. */
  finalBias: number;
}

/**
 * Splits the logit gap of `target` (by default the model's top prediction) at `position` of a
 * forward pass over `tokens` (B = 1).
 */
export function logitAttribution(
  model: Model,
  tokens: ArrayLike<number>,
  position: number,
  target?: number,
): LogitAttribution {
  const c = model.config;
  if (c.norm === 'post') {
    throw new Error(
      'post-LN renormalises the sum after every sublayer: the stream is no sum of writes',
    );
  }
  const T = tokens.length;
  if (!Number.isInteger(position) || position < 0 || position >= T) {
    throw new Error(`position must be from 0 to ${T - 1}, got ${position}`);
  }
  const ws = model.workspace(1, T);
  model.forward(ws, tokens);
  const C = c.dModel;
  const V = c.vocabSize;
  const logits = ws.logits.subarray(position * V, (position + 1) * V);
  let w = target ?? 0;
  if (target === undefined) for (let v = 1; v < V; v++) if (logits[v] > logits[w]) w = v;
  if (!Number.isInteger(w) || w < 0 || w >= V) throw new Error(`target ${w} is not a word id`);

  // d ⊙ γ / σ: one direction that every writer is read along.
  const wte = model.params.get('transformer.wte.weight'); // (V, C)
  const gamma = model.params.get('transformer.ln_f.weight');
  const beta = model.params.get('transformer.ln_f.bias');
  const rstd = ws.lnfRstd[position];
  const d = new Float64Array(C);
  for (let v = 0; v < V; v++) for (let j = 0; j < C; j++) d[j] -= wte[v * C + j] / V;
  for (let j = 0; j < C; j++) d[j] += wte[w * C + j];
  const read = Float64Array.from(d, (dj, j) => dj * gamma[j] * rstd);
  const readSum = read.reduce((a, b) => a + b, 0);
  // Σ_c read_c·(y_c − mean(y)) = Σ_c y_c·(read_c − mean(read)) = read·y − mean(y)·Σ read
  const along = (y: ArrayLike<number>, start: number): number => {
    let dot = 0;
    let sum = 0;
    for (let j = 0; j < C; j++) {
      dot += read[j] * y[start + j];
      sum += y[start + j];
    }
    return dot - (sum / C) * readSum;
  };

  const S = 2 * c.nLayers;
  const sublayer = new Float64Array(S);
  let coef = 1;
  for (let k = S - 1; k >= 0; k--) {
    sublayer[k] = coef * along(ws.contribution[k], position * C);
    coef *= ws.skipStrength;
  }
  let finalBias = 0;
  for (let j = 0; j < C; j++) finalBias += d[j] * beta[j];
  let mean = 0;
  for (let v = 0; v < V; v++) mean += logits[v] / V;
  return {
    target: w,
    total: logits[w] - mean,
    embedding: coef * along(ws.stream[0], position * C),
    sublayer,
    finalBias,
  };
}
