/**
 * Claim 4, "a layer can learn to be the identity by setting f to zero", measured: how much each
 * sublayer changes the stream relative to what is already there, ‖f_k(x)‖ / ‖x_k‖ per token.
 * Near 0 the sublayer is close to the identity map x ↦ x + f(x) ≈ x; a lesioned one is exactly 0.
 * (In a plain stack, x ↦ f(x), the same ratio says how large the replacement is.)
 */
import { traceList, type Traces } from './traces';
import { norm } from './vectors';
import { pointCount, sublayerCount } from '../engine/positions';

export interface IdentityMeasure {
  /** (2L): mean over tokens of ‖f_k(x_t)‖ / ‖x_k,t‖; tokens with a zero stream are left out. */
  contributionRatio: Float64Array;
  /** (2L): mean over tokens of ‖f_k(x_t)‖. */
  contributionNorm: Float64Array;
  /** (2L + 1): mean over tokens of ‖x_k,t‖. */
  streamNorm: Float64Array;
  /** (2L + 1, T) row-major: ‖x_k,t‖ at each position, averaged over the sequences. */
  streamNormByPosition: Float64Array;
}

export function identityMeasure(traces: Traces): IdentityMeasure {
  const list = traceList(traces);
  const { T, dModel: C, nLayers: L } = list[0];
  const S = sublayerCount(L);
  const ratio = new Float64Array(S);
  const ratioCount = new Float64Array(S);
  const fNorm = new Float64Array(S);
  const byPosition = new Float64Array(pointCount(L) * T);
  for (const tr of list) {
    for (let k = 0; k <= S; k++) {
      for (let t = 0; t < T; t++) {
        const x = norm(tr.stream[k], t * C, C);
        byPosition[k * T + t] += x / list.length;
        if (k === S) continue;
        const f = norm(tr.contribution[k], t * C, C);
        fNorm[k] += f / (list.length * T);
        if (x > 0) {
          ratio[k] += f / x;
          ratioCount[k]++;
        }
      }
    }
  }
  const streamNorm = new Float64Array(pointCount(L));
  for (let k = 0; k <= S; k++) {
    for (let t = 0; t < T; t++) streamNorm[k] += byPosition[k * T + t] / T;
  }
  return {
    contributionRatio: ratio.map((v, k) => (ratioCount[k] === 0 ? NaN : v / ratioCount[k])),
    contributionNorm: fNorm,
    streamNorm,
    streamNormByPosition: byPosition,
  };
}
