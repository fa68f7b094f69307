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
import { LN_EPS } from '../engine/ops';
import type { Trace } from '../engine/trace';

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

/** What was written into the stream at one position, and what the model made of it. */
interface Writes {
  /** x_0 at the position: C values. */
  embedding: ArrayLike<number>;
  /** 2L arrays of (T, C), each sublayer's f(x) as it was added; read at `position`. */
  contribution: readonly ArrayLike<number>[];
  position: number;
  /** The position's V logits. */
  logits: ArrayLike<number>;
  /** 1/σ of the final LayerNorm at the position. */
  rstd: number;
  skipStrength: number;
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
  refusePostLN(model);
  checkPosition(position, tokens.length);
  const ws = model.workspace(1, tokens.length);
  model.forward(ws, tokens);
  const C = model.config.dModel;
  const V = model.config.vocabSize;
  return splitLogitGap(
    model,
    {
      embedding: ws.stream[0].subarray(position * C, (position + 1) * C),
      contribution: ws.contribution,
      position,
      logits: ws.logits.subarray(position * V, (position + 1) * V),
      rstd: ws.lnfRstd[position],
      skipStrength: ws.skipStrength,
    },
    meanEmbedding(model),
    target,
  );
}

/**
 * The same split from a trace the worker has already run, at the α it ran with (`skipStrength`,
 * which a trace may override). σ is recomputed from the top of the stream, as LN_f does. `mean`
 * is `meanEmbedding(model)`: a caller splitting every position computes it once (for GPT-2 it
 * averages 50 257 rows of 768).
 */
export function traceLogitAttribution(
  model: Model,
  trace: Trace,
  position: number,
  skipStrength: number,
  mean: Float64Array = meanEmbedding(model),
  target?: number,
): LogitAttribution {
  refusePostLN(model);
  checkPosition(position, trace.T);
  const C = trace.dModel;
  const V = trace.vocabSize;
  const row = (x: Float32Array) => x.subarray(position * C, (position + 1) * C);
  const top = row(trace.stream[trace.stream.length - 1]);
  let centre = 0;
  for (let j = 0; j < C; j++) centre += top[j] / C;
  let variance = 0;
  for (let j = 0; j < C; j++) variance += (top[j] - centre) ** 2 / C;
  return splitLogitGap(
    model,
    {
      embedding: row(trace.stream[0]),
      contribution: trace.contribution,
      position,
      logits: trace.logits.subarray(position * V, (position + 1) * V),
      rstd: 1 / Math.sqrt(variance + LN_EPS),
      skipStrength,
    },
    mean,
    target,
  );
}

/**
 * The mean row of each inference model, whose weights never change: for GPT-2 it is a pass
 * over 38.6 M weights (a third of a second here) that every trace needed again. A trained
 * model's weights change as it trains, so its mean is computed each time.
 */
const keptMeans = new WeakMap<Model, Float64Array>();

/** mean_v W_te[v]: the mean word's unembedding row, (C). Read only: it may be kept. */
export function meanEmbedding(model: Model): Float64Array {
  const kept = keptMeans.get(model);
  if (kept) return kept;
  const { dModel: C, vocabSize: V } = model.config;
  const wte = model.params.get('transformer.wte.weight'); // (V, C)
  const mean = new Float64Array(C);
  for (let v = 0; v < V; v++) for (let j = 0; j < C; j++) mean[j] += wte[v * C + j] / V;
  if (model.inference) keptMeans.set(model, mean);
  return mean;
}

function refusePostLN(model: Model): void {
  if (model.config.norm === 'post') {
    throw new Error(
      'post-LN renormalises the sum after every sublayer: the stream is no sum of writes',
    );
  }
}

function checkPosition(position: number, T: number): void {
  if (!Number.isInteger(position) || position < 0 || position >= T) {
    throw new Error(`position must be from 0 to ${T - 1}, got ${position}`);
  }
}

function splitLogitGap(
  model: Model,
  w: Writes,
  mean: Float64Array,
  target?: number,
): LogitAttribution {
  const c = model.config;
  const C = c.dModel;
  const V = c.vocabSize;
  const logits = w.logits;
  let t = target ?? 0;
  if (target === undefined) for (let v = 1; v < V; v++) if (logits[v] > logits[t]) t = v;
  if (!Number.isInteger(t) || t < 0 || t >= V) throw new Error(`target ${t} is not a word id`);

  // d ⊙ γ / σ: one direction that every writer is read along.
  const wte = model.params.get('transformer.wte.weight'); // (V, C)
  const gamma = model.params.get('transformer.ln_f.weight');
  const beta = model.params.get('transformer.ln_f.bias');
  const d = Float64Array.from(mean, (m, j) => wte[t * C + j] - m);
  const read = Float64Array.from(d, (dj, j) => dj * gamma[j] * w.rstd);
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
    sublayer[k] = coef * along(w.contribution[k], w.position * C);
    coef *= w.skipStrength;
  }
  let finalBias = 0;
  for (let j = 0; j < C; j++) finalBias += d[j] * beta[j];
  let meanLogit = 0;
  for (let v = 0; v < V; v++) meanLogit += logits[v] / V;
  return {
    target: t,
    total: logits[t] - meanLogit,
    embedding: coef * along(w.embedding, 0),
    sublayer,
    finalBias,
  };
}
