import type { DepthSweepParams, LesionResult } from '../store/labSlice';
import type { ChannelTrace } from '../store/traces';
import type { DepthRunResult, TraceEnd } from '../worker/protocol';
import { largestPair, meanOffDiagonal } from '../views/lab/labMath';
import { rowCosine, rowNorm } from '../views/streamMath';

// The explorer's decomposition view and the tour read the same numbers.
export { decompositionAt } from '../views/streamMath';

/**
 * The numbers the tour's sentences are made of, computed from the same traces the views
 * draw, so the prose can only say what the charts show. Pure: tested without a browser.
 */

export type FullTrace = ChannelTrace & { end: TraceEnd };

/** What sublayer k did to word t: the stream before, the change, and the stream after. */
export interface UpdateMeasure {
  before: number; // ‖x‖
  change: number; // ‖f(x)‖
  after: number; // ‖x_after‖
  cosChangeBefore: number; // cos(f(x), x)
  cosAfterBefore: number; // cos(x_after, x)
  /** ‖x_after − f(x)‖ / ‖x_after‖: 0 when the sublayer's output replaced the stream. */
  afterMinusChange: number;
  /** ‖x_after − x − f(x)‖ / ‖x_after‖: 0 when the output was added to the stream. */
  afterMinusSum: number;
}

export function updateAt(tr: ChannelTrace, sublayer: number, t: number): UpdateMeasure | null {
  const C = tr.start.dModel;
  const x = tr.points[sublayer]?.stream;
  const p = tr.points[sublayer + 1];
  const f = p?.contribution;
  if (!x || !p || !f || t >= tr.start.T) return null;
  const y = p.stream;
  let dChange = 0;
  let dSum = 0;
  for (let i = t * C; i < (t + 1) * C; i++) {
    dChange += (y[i] - f[i]) ** 2;
    dSum += (y[i] - x[i] - f[i]) ** 2;
  }
  const after = rowNorm(y, t, C);
  const scale = after || 1;
  return {
    before: rowNorm(x, t, C),
    change: rowNorm(f, t, C),
    after,
    cosChangeBefore: rowCosine(f, x, t, C),
    cosAfterBefore: rowCosine(y, x, t, C),
    afterMinusChange: Math.sqrt(dChange) / scale,
    afterMinusSum: Math.sqrt(dSum) / scale,
  };
}

/** ‖x‖ of word t at every residual point (null where a point has not arrived). */
export function normPath(tr: ChannelTrace, t: number): (number | null)[] {
  return tr.points.map((p) => (p && t < tr.start.T ? rowNorm(p.stream, t, tr.start.dModel) : null));
}

/** How many steps of a path go up (each step compared with the one before). */
export function countRises(values: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) n++;
  return n;
}

/** Index of the largest entry. */
export function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

export interface OrthogonalityMeasure {
  meanAbs: number;
  random: number;
  top: { i: number; j: number; v: number } | null;
}

/** Mean |cos| between different sublayers' contributions, against random vectors. */
export function orthogonality(end: TraceEnd, S: number): OrthogonalityMeasure {
  return {
    meanAbs: meanOffDiagonal(end.contributionAbsCosine, S),
    random: end.randomAbsCosine,
    top: largestPair(end.contributionCosine, S),
  };
}

/** Below this share of the top's gradient, the bottom of a stack is not learning. */
export const VANISHED = 1e-3;

/** ‖∂L/∂x‖ at the embedding over the last point; NaN without gradients (a single word). */
export function gradientRatio(end: TraceEnd): number {
  const g = end.streamGradNorms;
  return g.length ? g[0] / g[g.length - 1] : NaN;
}

export interface LesionMeasure {
  /** Loss increase for removing each sublayer. */
  increases: number[];
  /** Sublayers whose removal costs at most `cheap` nats. */
  cheap: number[];
  expensive: number[];
  /** The largest increase among the cheap ones. */
  maxCheap: number;
}

export function lesionMeasure(r: LesionResult, cheap: number): LesionMeasure {
  const increases = Array.from(r.lesioned, (v) => v - r.intact);
  const ks = increases.map((_, k) => k);
  const c = ks.filter((k) => increases[k] <= cheap);
  return {
    increases,
    cheap: c,
    expensive: ks.filter((k) => increases[k] > cheap),
    maxCheap: c.length ? Math.max(...c.map((k) => increases[k])) : NaN,
  };
}

/** The first point from which the words' mean pairwise cosine stays above `level`, or −1. */
export function collapsePoint(end: TraceEnd, level = 0.99): number {
  const cos = Array.from(end.pairwiseCosine);
  return cos.findIndex((_, k) => cos.slice(k).every((v) => v > level));
}

/** The logit lens's top word at the output for every position. */
export function outputGuesses(end: TraceEnd, T: number, vocab: readonly string[]): string[] {
  const K = end.lensTopIds.length / end.lensNextRank.length; // (P, T, K) over (P, T)
  const P = end.lensNextRank.length / T;
  return Array.from({ length: T }, (_, t) => vocab[end.lensTopIds[((P - 1) * T + t) * K]] ?? '?');
}

/** How many positions the lens's top guess after the last layer is the word that follows. */
export function outputHits(end: TraceEnd, T: number): number {
  const P = end.lensNextRank.length / T;
  let n = 0;
  for (let t = 0; t < T - 1; t++) if (end.lensNextRank[(P - 1) * T + t] === 0) n++;
  return n;
}

/** The depth sweep's rows side by side: skips on and off at each depth. */
export interface DepthRow {
  layers: number;
  onInit: number;
  onTrained: number;
  offInit: number;
  offTrained: number;
}

export function depthRows(on: DepthRunResult[], off: DepthRunResult[]): DepthRow[] {
  return on.flatMap((r, i) =>
    off[i] && off[i].layers === r.layers
      ? [
          {
            layers: r.layers,
            onInit: r.initFirstOverLast,
            onTrained: r.trainedFirstOverLast,
            offInit: off[i].initFirstOverLast,
            offTrained: off[i].trainedFirstOverLast,
          },
        ]
      : [],
  );
}

/** The sweep's row at a given depth (our model's), or its shallowest row. */
export function rowAtDepth(rows: readonly DepthRow[], layers: number): DepthRow | undefined {
  return rows.find((r) => r.layers === layers) ?? rows[0];
}

/** True when the sweep in the store was run with exactly these settings. */
export function sameSweep(p: DepthSweepParams | null, q: DepthSweepParams): boolean {
  return (
    !!p &&
    p.norm === q.norm &&
    p.trainSteps === q.trainSteps &&
    p.seed === q.seed &&
    p.layers.join() === q.layers.join()
  );
}
