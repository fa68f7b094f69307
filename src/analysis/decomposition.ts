/**
 * How the stream at point k splits into what each source wrote. With a linear update
 * x_{i+1} = a_i·x_i + f_i (a_i = α, or 1 for a removed sublayer), the stream is exactly
 *   x_k = (Π_{i<k} a_i)·x_0 + Σ_{j<k} (Π_{j<i<k} a_i)·f_j,
 * and projecting every term on the unit vector x_k/‖x_k‖ gives signed lengths that add up to
 * ‖x_k‖. (Only valid without post-LN, where a LayerNorm sits between the terms.)
 */
import type { StreamTrace } from './streamTrace';
import { rowDot, rowNorm, type Vec } from './vectors';

/** Returns k + 1 lengths for row t: the embedding's, then sublayer 0's … sublayer k−1's. */
export function streamDecomposition(
  embedding: Vec,
  contributions: Vec[], // f_0 … f_{k−1}, each (T, C)
  keep: number[], // a_0 … a_{k−1}
  streamK: Vec,
  t: number,
  C: number,
): number[] {
  const k = contributions.length;
  const norm = rowNorm(streamK, t, C);
  if (norm === 0) return new Array(k + 1).fill(0);
  const out = new Array<number>(k + 1);
  let scale = 1;
  // Walk backwards so each source's coefficient is the product of the a_i after it.
  for (let j = k - 1; j >= 0; j--) {
    out[j + 1] = (scale * rowDot(contributions[j], streamK, t, C)) / norm;
    scale *= keep[j];
  }
  out[0] = (scale * rowDot(embedding, streamK, t, C)) / norm;
  return out;
}

/**
 * The stream of word t at point k split into signed lengths along its own direction: the
 * embedding's, then sublayer 0's … sublayer k−1's (as the decomposition view draws it). Null
 * until the points up to k have arrived.
 */
export function decompositionAt(tr: StreamTrace, k: number, t: number): number[] | null {
  const pts = tr.points.slice(0, k + 1);
  if (pts.length < k + 1 || pts.some((p) => !p) || t >= tr.start.T) return null;
  const contributions = pts.slice(1).map((p) => p!.contribution!);
  const keep = pts.slice(1).map((p) => (p!.lesioned ? 1 : tr.start.skipStrength));
  return streamDecomposition(
    pts[0]!.stream,
    contributions,
    keep,
    pts[k]!.stream,
    t,
    tr.start.dModel,
  );
}

/**
 * The lowest and highest a stacked bar reaches among bars[0..upTo]: positive parts stack up
 * from zero, negative parts down, so a bar spans [Σ negatives, Σ positives].
 */
export function stackExtent(
  bars: readonly (readonly number[] | null)[],
  upTo: number,
): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const b of bars.slice(0, upTo + 1)) {
    if (!b) continue;
    hi = Math.max(
      hi,
      b.reduce((s, v) => s + Math.max(v, 0), 0),
    );
    lo = Math.min(
      lo,
      b.reduce((s, v) => s + Math.min(v, 0), 0),
    );
  }
  return [lo, hi];
}
