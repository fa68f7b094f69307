/**
 * The logit lens (nostalgebraist 2020): read the residual stream at any point as if it were the
 * last one, through the model's own final LayerNorm and tied unembedding,
 *
 *   logits_k = LN_f(x_k) · W_teᵀ,
 *
 * to see what the stream "already predicts" at each depth, and how much of the input token is
 * still readable there. At the last point, k = 2L, this is exactly the model's output.
 */
import type { Model } from '../engine/model';
import { layerNormForward, matmulABt } from '../engine/ops';
import type { Trace } from '../engine/trace';
import { LENS_TOP_K } from './lensOutput';
import { logSumExp } from './softmax';
import { cosine } from './vectors';

export interface LogitLens {
  points: number; // 2L + 1 residual points
  T: number;
  k: number;
  /** (points, T, k): the k most likely token ids, most likely first. */
  topIds: Int32Array;
  /** (points, T, k): their probabilities. */
  topProbs: Float32Array;
  /** (points, T): probability of the actual next token; NaN at the last position. */
  nextProb: Float32Array;
  /** (points, T): rank of the actual next token (0 = top); −1 at the last position. */
  nextRank: Int32Array;
  /** (points, T): rank of the input token at that position: how readable the token itself still is. */
  inputRank: Int32Array;
  /** (points, T): cos(x_k,t, x_0,t), the stream against the token's own embedding (token + position). */
  cosWithEmbedding: Float32Array;
}

/** LN_f(x)·W_teᵀ for the T rows of x (T, C), in float64: (T, V). */
export function lensLogits(model: Model, x: ArrayLike<number>, T: number): Float64Array {
  const { dModel: C, vocabSize: V } = model.config;
  if (x.length !== T * C) throw new Error(`expected a (${T}, ${C}) stream, got ${x.length} values`);
  const p = model.params;
  const normed = new Float64Array(T * C);
  layerNormForward(
    normed,
    new Float64Array(T),
    new Float64Array(T),
    Float64Array.from(x),
    p.get('transformer.ln_f.weight'),
    p.get('transformer.ln_f.bias'),
    T,
    C,
  );
  const logits = new Float64Array(T * V);
  matmulABt(logits, normed, Float64Array.from(p.get('transformer.wte.weight')), T, C, V);
  return logits;
}

/** Number of entries of row [o, o+V) strictly above row[o + id]: 0 for the top token. */
function rankOf(row: Float64Array, o: number, V: number, id: number): number {
  const v = row[o + id];
  let r = 0;
  for (let j = 0; j < V; j++) if (row[o + j] > v) r++;
  return r;
}

export function logitLens(model: Model, trace: Trace, k = LENS_TOP_K): LogitLens {
  const { T, dModel: C, vocabSize: V } = trace;
  if (C !== model.config.dModel || V !== model.config.vocabSize) {
    throw new Error('the trace comes from a model of another shape');
  }
  const K = Math.min(k, V);
  const points = trace.stream.length;
  const topIds = new Int32Array(points * T * K);
  const topProbs = new Float32Array(points * T * K);
  const nextProb = new Float32Array(points * T);
  const nextRank = new Int32Array(points * T);
  const inputRank = new Int32Array(points * T);
  const cosWithEmbedding = new Float32Array(points * T);
  for (let p = 0; p < points; p++) {
    const logits = lensLogits(model, trace.stream[p], T);
    for (let t = 0; t < T; t++) {
      const o = t * V;
      const at = p * T + t;
      const lse = logSumExp(logits, o, V);
      const prob = (j: number): number => Math.exp(logits[o + j] - lse);
      // Top k by repeated insertion: k is tiny next to V.
      const ids = topIds.subarray(at * K, (at + 1) * K);
      let filled = 0;
      for (let j = 0; j < V; j++) {
        let pos = Math.min(filled, K - 1);
        if (filled === K && logits[o + j] <= logits[o + ids[pos]]) continue;
        while (pos > 0 && logits[o + ids[pos - 1]] < logits[o + j]) {
          ids[pos] = ids[pos - 1];
          pos--;
        }
        ids[pos] = j;
        if (filled < K) filled++;
      }
      for (let i = 0; i < K; i++) topProbs[at * K + i] = prob(ids[i]);
      if (t + 1 < T) {
        const next = trace.tokens[t + 1];
        nextProb[at] = prob(next);
        nextRank[at] = rankOf(logits, o, V, next);
      } else {
        nextProb[at] = NaN;
        nextRank[at] = -1;
      }
      inputRank[at] = rankOf(logits, o, V, trace.tokens[t]);
      cosWithEmbedding[at] = cosine(trace.stream[p], t * C, trace.stream[0], t * C, C);
    }
  }
  return { points, T, k: K, topIds, topProbs, nextProb, nextRank, inputRank, cosWithEmbedding };
}

/** Per-point means of a lens over positions (and over several sequences' lenses). */
export interface LensSummary {
  /** (points): mean P(actual next token), over positions that have one. */
  nextProb: Float64Array;
  /** (points): fraction of those positions where the next token is the top prediction. */
  nextTop1: Float64Array;
  /** (points): mean rank of the input token itself (0 = the lens reads it back first). */
  inputRank: Float64Array;
  /** (points): fraction of positions where the input token is the top prediction. */
  inputTop1: Float64Array;
  /** (points): mean cos(x_k, x_0). */
  cosWithEmbedding: Float64Array;
}

export function lensSummary(lenses: LogitLens | readonly LogitLens[]): LensSummary {
  const list = Array.isArray(lenses) ? (lenses as readonly LogitLens[]) : [lenses as LogitLens];
  if (list.length === 0) throw new Error('need at least one lens');
  const points = list[0].points;
  const s = {
    nextProb: new Float64Array(points),
    nextTop1: new Float64Array(points),
    inputRank: new Float64Array(points),
    inputTop1: new Float64Array(points),
    cosWithEmbedding: new Float64Array(points),
  };
  const withNext = new Float64Array(points);
  let positions = 0;
  for (const lens of list) {
    if (lens.points !== points) throw new Error('lenses must come from models of one depth');
    positions += lens.T;
    for (let p = 0; p < points; p++) {
      for (let t = 0; t < lens.T; t++) {
        const at = p * lens.T + t;
        if (lens.nextRank[at] >= 0) {
          s.nextProb[p] += lens.nextProb[at];
          s.nextTop1[p] += lens.nextRank[at] === 0 ? 1 : 0;
          withNext[p]++;
        }
        s.inputRank[p] += lens.inputRank[at];
        s.inputTop1[p] += lens.inputRank[at] === 0 ? 1 : 0;
        s.cosWithEmbedding[p] += lens.cosWithEmbedding[at];
      }
    }
  }
  for (let p = 0; p < points; p++) {
    s.nextProb[p] = withNext[p] === 0 ? NaN : s.nextProb[p] / withNext[p];
    s.nextTop1[p] = withNext[p] === 0 ? NaN : s.nextTop1[p] / withNext[p];
    s.inputRank[p] /= positions;
    s.inputTop1[p] /= positions;
    s.cosWithEmbedding[p] /= positions;
  }
  return s;
}
