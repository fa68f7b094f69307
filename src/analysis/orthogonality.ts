/**
 * Claim 1, "each layer adds features roughly orthogonal to the existing ones", measured: the
 * cosine between what two sublayers write to the stream at the same token, and between what a
 * sublayer writes and the stream it writes into. Random directions in ℝ^C give E[cos] = 0 and
 * E|cos| = randomAbsCosine(C), the scale to read these numbers against.
 */
import { traceList, type Traces } from './traces';
import { cosine, randomAbsCosine, type Vec } from './vectors';
import { sublayerCount } from '../engine/positions';

export interface Orthogonality {
  /** S = 2L sublayers; sublayer k = 2l is layer l's attention, 2l + 1 its MLP. */
  sublayers: number;
  /** (S, S) row-major: mean over tokens of cos(f_i(x_t), f_j(x_t)). */
  cosine: Float64Array;
  /** (S, S): mean over tokens of |cos(f_i(x_t), f_j(x_t))|. */
  absCosine: Float64Array;
  /** (S): mean over tokens of cos(f_k(x_t), x_k,t), the contribution against the stream it joins. */
  withStream: Float64Array;
  /** (S): mean over tokens of |cos(f_k(x_t), x_k,t)|. */
  absWithStream: Float64Array;
  /** E|cos| of two random vectors in this dimension (E[cos] is 0). */
  randomAbsCosine: number;
}

/**
 * Per-token cosines, then the mean over every token of every trace. Tokens where a vector is
 * zero (a lesioned sublayer, an underflowed stream) have no angle and are left out; an entry with
 * no token left is NaN.
 */
export function orthogonality(traces: Traces): Orthogonality {
  const list = traceList(traces);
  const { T, dModel: C, nLayers: L } = list[0];
  const S = sublayerCount(L);
  const sum = new Float64Array(S * S);
  const absSum = new Float64Array(S * S);
  const count = new Float64Array(S * S);
  const add = (idx: number, c: number): void => {
    sum[idx] += c;
    absSum[idx] += Math.abs(c);
    count[idx]++;
  };
  const sSum = new Float64Array(S);
  const sAbsSum = new Float64Array(S);
  const sCount = new Float64Array(S);
  for (const tr of list) {
    for (let t = 0; t < T; t++) {
      const o = t * C;
      for (let i = 0; i < S; i++) {
        const fi = tr.contribution[i];
        for (let j = i; j < S; j++) {
          const c = cosine(fi, o, tr.contribution[j], o, C);
          if (Number.isNaN(c)) continue;
          add(i * S + j, c);
          if (j !== i) add(j * S + i, c);
        }
        const c = cosine(fi, o, tr.stream[i], o, C);
        if (Number.isNaN(c)) continue;
        sSum[i] += c;
        sAbsSum[i] += Math.abs(c);
        sCount[i]++;
      }
    }
  }
  const div = (s: Float64Array, n: Float64Array): Float64Array =>
    s.map((v, i) => (n[i] === 0 ? NaN : v / n[i]));
  return {
    sublayers: S,
    cosine: div(sum, count),
    absCosine: div(absSum, count),
    withStream: div(sSum, sCount),
    absWithStream: div(sAbsSum, sCount),
    randomAbsCosine: randomAbsCosine(C),
  };
}

/** A cell of an n×n matrix above its diagonal. */
export interface MatrixPair {
  i: number;
  j: number;
  v: number;
}

/** Finite entries above the diagonal of an n×n row-major matrix. */
function offDiagonal(m: Vec, n: number): MatrixPair[] {
  const out: MatrixPair[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = m[i * n + j];
      if (Number.isFinite(v)) out.push({ i, j, v });
    }
  return out;
}

/** Mean of the entries above the diagonal (the matrices here are symmetric); NaN if none. */
export function meanOffDiagonal(m: Vec, n: number): number {
  const cells = offDiagonal(m, n);
  return cells.length ? cells.reduce((s, c) => s + c.v, 0) / cells.length : NaN;
}

/** The off-diagonal pair with the largest value, or null for n < 2. */
export function largestPair(m: Vec, n: number): MatrixPair | null {
  let best: MatrixPair | null = null;
  for (const c of offDiagonal(m, n)) if (!best || c.v > best.v) best = c;
  return best;
}

/** The figures the prose quotes from the (S, S) matrices the worker sends. */
export interface OrthogonalitySummary {
  /** Mean |cos| between different sublayers' contributions. */
  meanAbs: number;
  /** E|cos| between random vectors, to read meanAbs against. */
  random: number;
  /** The most aligned pair of sublayers. */
  top: MatrixPair | null;
}

export function orthogonalitySummary(
  end: {
    contributionAbsCosine: ArrayLike<number>;
    contributionCosine: ArrayLike<number>;
    randomAbsCosine: number;
  },
  S: number,
): OrthogonalitySummary {
  return {
    meanAbs: meanOffDiagonal(end.contributionAbsCosine, S),
    random: end.randomAbsCosine,
    top: largestPair(end.contributionCosine, S),
  };
}
