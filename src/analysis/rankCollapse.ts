/**
 * Rank collapse (Dong, Cordonnier & Loukas 2021, "Attention is not all you need"): stacked
 * attention without skips averages tokens into one another until every position holds nearly the
 * same vector. At each residual point we measure, over the T positions of a sequence X (T, C):
 *
 *   relativeResidual = ‖X − 1·x̄ᵀ‖_F / ‖X‖_F,  x̄ = mean row (the 1·xᵀ nearest to X in Frobenius)
 *
 * 0 when all rows are equal; √(1 − 1/T) for T orthonormal rows; and the mean pairwise cosine
 * between distinct positions, 1 when all rows point the same way.
 */
import { traceList, type Traces } from './traces';
import { finiteMean } from './statistics';
import { cosine } from './vectors';
import { pointCount } from '../engine/positions';

export interface RankCollapse {
  /** (2L + 1): mean over sequences of ‖X − 1·x̄ᵀ‖_F / ‖X‖_F at each residual point. */
  relativeResidual: Float64Array;
  /** (2L + 1): mean over sequences of the mean cosine between pairs of distinct positions. */
  meanPairwiseCosine: Float64Array;
}

/** ‖X − 1·x̄ᵀ‖_F / ‖X‖_F of a (T, C) matrix; NaN for the zero matrix. */
export function relativeResidual(X: ArrayLike<number>, T: number, C: number): number {
  let total = 0;
  let residual = 0;
  for (let c = 0; c < C; c++) {
    let mean = 0;
    for (let t = 0; t < T; t++) mean += X[t * C + c];
    mean /= T;
    for (let t = 0; t < T; t++) {
      const v = X[t * C + c];
      total += v * v;
      residual += (v - mean) * (v - mean);
    }
  }
  return total === 0 ? NaN : Math.sqrt(residual / total);
}

/** Mean of cos(x_s, x_t) over pairs s < t of nonzero rows; NaN with fewer than two. */
export function meanPairwiseCosine(X: ArrayLike<number>, T: number, C: number): number {
  let sum = 0;
  let n = 0;
  for (let s = 0; s < T; s++) {
    for (let t = s + 1; t < T; t++) {
      const c = cosine(X, s * C, X, t * C, C);
      if (Number.isNaN(c)) continue;
      sum += c;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

export function rankCollapse(traces: Traces): RankCollapse {
  const list = traceList(traces);
  const { T, dModel: C, nLayers } = list[0];
  const relative = new Float64Array(pointCount(nLayers));
  const pairwise = new Float64Array(relative.length);
  for (let k = 0; k < relative.length; k++) {
    relative[k] = finiteMean(list.map((tr) => relativeResidual(tr.stream[k], T, C)));
    pairwise[k] = finiteMean(list.map((tr) => meanPairwiseCosine(tr.stream[k], T, C)));
  }
  return { relativeResidual: relative, meanPairwiseCosine: pairwise };
}

/** The first point from which the mean pairwise cosine stays above `level`, or −1. */
export function collapsePoint(end: { pairwiseCosine: ArrayLike<number> }, level = 0.99): number {
  const cos = Array.from(end.pairwiseCosine);
  return cos.findIndex((_, k) => cos.slice(k).every((v) => v > level));
}
