/**
 * How much of what the embedding wrote the stream still points toward at residual point k:
 * (1/T)·Σ_t cos(x_k[t], x_0[t]), the mean over words of the stream's cosine with its own
 * embedding. With skips x_k = x_0 + Σ f, so the embedding is always in the sum; this says
 * whether it is still visible in it (near 1) or drowned by what the sublayers added (near the
 * |cosine| of random directions, vectors.ts randomAbsCosine).
 */
import type { StreamTrace } from './streamTrace';
import { rowCosine } from './vectors';

/** Null until points 0 and k have arrived. */
export function embeddingCosine(tr: StreamTrace, k: number): number | null {
  const x0 = tr.points[0];
  const xk = tr.points[k];
  const { T, dModel: C } = tr.start;
  if (!x0 || !xk || T === 0) return null;
  let s = 0;
  for (let t = 0; t < T; t++) s += rowCosine(xk.stream, x0.stream, t, C);
  return s / T;
}
