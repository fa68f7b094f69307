/**
 * The logit lens (nostalgebraist 2020): read the residual stream at any point as if it were the
 * last one, through the model's own final LayerNorm and tied unembedding,
 *
 *   logits_k = LN_f(x_k) · W_teᵀ,
 *
 * to see what the stream "already predicts" at each depth, and how much of the input token is
 * still readable there. At the last point, k = 2L, this is exactly the model's output.
 *
 * Float32 on the WebAssembly kernels, one position at a time (lensAtPosition): GPT-2's 25
 * points × 50,257 words are 1.9 GFLOP a position, so a view asks for the positions it shows;
 * logitLens runs every position (the small models, the experiments).
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

const asF32 = (v: ArrayLike<number>): Float32Array =>
  v instanceof Float32Array ? v : Float32Array.from(v);

/**
 * LN_f(x)·W_teᵀ for the R rows of x (R, C), in Float32: (R, V). On the WebAssembly kernels
 * W_te is read in place, as stored (and not even copied once it is resident,
 * engine/residentWeights.ts); a Float64 model's weights are rounded to Float32 first.
 */
export function lensLogits(model: Model, x: ArrayLike<number>, R: number): Float32Array {
  const { dModel: C, vocabSize: V } = model.config;
  if (x.length !== R * C) throw new Error(`expected a (${R}, ${C}) stream, got ${x.length} values`);
  const p = model.params;
  const normed = new Float32Array(R * C);
  layerNormForward(
    normed,
    new Float32Array(R),
    new Float32Array(R),
    asF32(x),
    asF32(p.get('transformer.ln_f.weight')),
    asF32(p.get('transformer.ln_f.bias')),
    R,
    C,
  );
  const logits = new Float32Array(R * V);
  matmulABt(logits, normed, asF32(p.get('transformer.wte.weight')), R, C, V);
  return logits;
}

/** Number of entries of row [o, o+V) strictly above row[o + id]: 0 for the top token. */
function rankOf(row: Float32Array, o: number, V: number, id: number): number {
  const v = row[o + id];
  let r = 0;
  for (let j = 0; j < V; j++) if (row[o + j] > v) r++;
  return r;
}

/**
 * The K largest entries of row [o, o+V) into ids, largest first, by partial selection: one
 * pass that inserts into a sorted list of K only what beats its last entry (K ≪ V).
 */
function topK(row: Float32Array, o: number, V: number, ids: Int32Array): void {
  const K = ids.length;
  let filled = 0;
  for (let j = 0; j < V; j++) {
    let pos = Math.min(filled, K - 1);
    if (filled === K && row[o + j] <= row[o + ids[pos]]) continue;
    while (pos > 0 && row[o + ids[pos - 1]] < row[o + j]) {
      ids[pos] = ids[pos - 1];
      pos--;
    }
    ids[pos] = j;
    if (filled < K) filled++;
  }
}

/** The lens at every residual point for one position t: LogitLens's arrays with T = 1. */
export function lensAtPosition(model: Model, trace: Trace, t: number, k = LENS_TOP_K): LogitLens {
  const { T, dModel: C, vocabSize: V } = trace;
  if (C !== model.config.dModel || V !== model.config.vocabSize) {
    throw new Error('the trace comes from a model of another shape');
  }
  if (!(t >= 0 && t < T)) throw new Error(`position ${t} is outside the trace (0 to ${T - 1})`);
  const K = Math.min(k, V);
  const points = trace.stream.length;
  const rows = new Float32Array(points * C);
  for (let p = 0; p < points; p++) rows.set(trace.stream[p].subarray(t * C, (t + 1) * C), p * C);
  const logits = lensLogits(model, rows, points);
  const lens: LogitLens = {
    points,
    T: 1,
    k: K,
    topIds: new Int32Array(points * K),
    topProbs: new Float32Array(points * K),
    nextProb: new Float32Array(points),
    nextRank: new Int32Array(points),
    inputRank: new Int32Array(points),
    cosWithEmbedding: new Float32Array(points),
  };
  const next = t + 1 < T ? trace.tokens[t + 1] : -1;
  for (let p = 0; p < points; p++) {
    const o = p * V;
    const lse = logSumExp(logits, o, V);
    const prob = (j: number): number => Math.exp(logits[o + j] - lse);
    const ids = lens.topIds.subarray(p * K, (p + 1) * K);
    topK(logits, o, V, ids);
    for (let i = 0; i < K; i++) lens.topProbs[p * K + i] = prob(ids[i]);
    lens.nextProb[p] = next < 0 ? NaN : prob(next);
    lens.nextRank[p] = next < 0 ? -1 : rankOf(logits, o, V, next);
    lens.inputRank[p] = rankOf(logits, o, V, trace.tokens[t]);
    lens.cosWithEmbedding[p] = cosine(trace.stream[p], t * C, trace.stream[0], t * C, C);
  }
  return lens;
}

/** The lens at every point and position: lensAtPosition for each t, laid out (points, T, k). */
export function logitLens(model: Model, trace: Trace, k = LENS_TOP_K): LogitLens {
  const { T } = trace;
  const points = trace.stream.length;
  const columns = Array.from({ length: T }, (_, t) => lensAtPosition(model, trace, t, k));
  const K = columns[0]?.k ?? Math.min(k, trace.vocabSize);
  const lens: LogitLens = {
    points,
    T,
    k: K,
    topIds: new Int32Array(points * T * K),
    topProbs: new Float32Array(points * T * K),
    nextProb: new Float32Array(points * T),
    nextRank: new Int32Array(points * T),
    inputRank: new Int32Array(points * T),
    cosWithEmbedding: new Float32Array(points * T),
  };
  columns.forEach((col, t) => {
    for (let p = 0; p < points; p++) {
      const at = p * T + t;
      lens.topIds.set(col.topIds.subarray(p * K, (p + 1) * K), at * K);
      lens.topProbs.set(col.topProbs.subarray(p * K, (p + 1) * K), at * K);
      lens.nextProb[at] = col.nextProb[p];
      lens.nextRank[at] = col.nextRank[p];
      lens.inputRank[at] = col.inputRank[p];
      lens.cosWithEmbedding[at] = col.cosWithEmbedding[p];
    }
  });
  return lens;
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
