/**
 * A linear probe: can a class be read off a vector by one linear map? Fitted in closed form as
 * linear discriminant analysis, the Bayes classifier for classes that are Gaussian around their
 * own means with one shared covariance, and read as argmax of its linear scores:
 *
 *   z = (x − μ) / σ  per feature (train statistics; a constant feature stays 0)
 *   m_k = mean of z over class k, π_k its share of the rows
 *   Σ = (1/n) Σ_i (z_i − m_{y_i})(z_i − m_{y_i})ᵀ + λ·I      pooled within-class covariance
 *   score_k(z) = z·Σ⁻¹m_k − ½ m_k·Σ⁻¹m_k + log π_k
 *
 * Not least squares onto one-hot targets: with many more classes than dimensions (197 words in
 * 64) regression onto indicators masks classes (Hastie, Tibshirani & Friedman, ESL §4.2) and
 * read only 84% of the words at an untrained embedding, where the word is the embedding row
 * itself. Σ is only D², and the means are sums of rows per class, so a fit costs n·D² + K·D²
 * whatever the number of classes. A class never seen in fitting is never predicted.
 * Standardising first puts every residual point on the same footing, whatever the scale of its
 * stream (the plain model's shrinks or grows with depth), and makes λ mean the same everywhere.
 */
import { matmulAB } from '../engine/ops';

export interface LinearProbe {
  D: number;
  K: number;
  mean: Float64Array; // (D)
  /** 1/σ per feature, 0 for a constant one. */
  invStd: Float64Array; // (D)
  weights: Float64Array; // (D+1, K), the last row the bias
}

export interface ProbeData {
  /** (n, D) row-major features. */
  x: ArrayLike<number>;
  /** (n) class of each row, from 0 to K − 1. */
  labels: ArrayLike<number>;
}

/** λ on standardised features: enough to keep Σ invertible when features are collinear. */
export const RIDGE = 1e-3;

/**
 * The λs `fitProbeChoosingRidge` tries. The smallest reads most where the stream holds the answer;
 * where it holds little (a plain stack's stream after a few layers) 197 class means fitted with
 * it chase noise and score below always guessing the commonest class, and a larger λ does not.
 */
export const RIDGES = [RIDGE, 1e-2, 1e-1, 1] as const;

/** Folds of the cross-validation that chooses λ: every row is scored once, by a probe fitted on the other 4/5. */
export const RIDGE_FOLDS = 5;

/**
 * A probe whose λ is chosen on the data by k-fold cross-validation: the rows are cut into
 * `folds` contiguous blocks, each λ is fitted on all blocks but one and scored on that one, in
 * turn, and the λ with the most right answers over all rows is refitted on every row. Ties go to
 * the smaller λ. One held-out block alone can be unlike the rest (its windows happen to be all
 * one kind of sentence) and pick a λ for itself; scored on every row, the choice is the data's.
 * The blocks are contiguous, so when rows come window by window a window stays (all but at a
 * block's edge) on one side: its rows share their context, and a probe scored on rows whose
 * neighbours it was fitted on would be scored on what it has all but seen.
 */
export function fitProbeChoosingRidge(
  data: ProbeData,
  D: number,
  K: number,
  ridges: readonly number[] = RIDGES,
  folds: number = RIDGE_FOLDS,
): LinearProbe & { ridge: number } {
  const n = data.labels.length;
  const k = Math.min(folds, n);
  let ridge = ridges[0];
  if (k >= 2 && ridges.length > 1) {
    const right = new Float64Array(ridges.length);
    for (let f = 0; f < k; f++) {
      const from = Math.floor((f * n) / k);
      const to = Math.floor(((f + 1) * n) / k);
      const inner = probeStatistics(
        takeRows(data, D, [
          [0, from],
          [to, n],
        ]),
        D,
        K,
      );
      const held = takeRows(data, D, [[from, to]]);
      const z = standardisedRows(held, D, inner.mean, inner.invStd);
      ridges.forEach((r, i) => {
        right[i] += countRight(z, held.labels, solveProbe(inner, r));
      });
    }
    let best = -1;
    ridges.forEach((r, i) => {
      if (right[i] > best) [best, ridge] = [right[i], r];
    });
  }
  return { ...fitLinearProbe(data, D, K, ridge), ridge };
}

/** The rows in the ranges [from, to), in order, as one data set. */
function takeRows(data: ProbeData, D: number, ranges: [number, number][]): ProbeData {
  const rows = ranges.reduce((s, [from, to]) => s + to - from, 0);
  const x = new Float64Array(rows * D);
  const labels = new Int32Array(rows);
  let at = 0;
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++, at++) {
      labels[at] = data.labels[i];
      for (let j = 0; j < D; j++) x[at * D + j] = data.x[i * D + j];
    }
  }
  return { x, labels };
}

export function fitLinearProbe(data: ProbeData, D: number, K: number, ridge = RIDGE): LinearProbe {
  return solveProbe(probeStatistics(data, D, K), ridge);
}

/** What a fit needs from the rows, whatever λ: the standardisation, class means and scatter. */
interface ProbeStatistics {
  D: number;
  K: number;
  n: number;
  mean: Float64Array; // (D)
  invStd: Float64Array; // (D)
  counts: Float64Array; // (K) rows per class
  means: Float64Array; // (K, D) m_k, 0 for a class with no rows
  within: Float64Array; // (D, D) pooled within-class covariance, before λ
}

function probeStatistics(data: ProbeData, D: number, K: number): ProbeStatistics {
  const n = data.labels.length;
  if (n === 0 || data.x.length !== n * D) {
    throw new Error(`need n·D = ${n}·${D} features for ${n} labels, got ${data.x.length}`);
  }
  const mean = new Float64Array(D);
  const sq = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < D; j++) mean[j] += data.x[i * D + j] / n;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < D; j++) sq[j] += (data.x[i * D + j] - mean[j]) ** 2 / n;
  }
  // Constant up to rounding (a spread below 1e-6 of the feature's size) counts as constant.
  const invStd = sq.map((v, j) => (v > 1e-12 * mean[j] ** 2 && v > 0 ? 1 / Math.sqrt(v) : 0));
  const scatter = new Float64Array(D * D); // Σ_i z_i z_iᵀ, lower triangle
  const sums = new Float64Array(K * D); // Σ_{i in k} z_i
  const counts = new Float64Array(K);
  const z = new Float64Array(D + 1);
  for (let i = 0; i < n; i++) {
    const y = data.labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= K)
      throw new Error(`label ${y} is not in 0..${K - 1}`);
    standardise(data.x, i, D, mean, invStd, z);
    counts[y]++;
    for (let a = 0; a < D; a++) {
      sums[y * D + a] += z[a];
      for (let b = 0; b <= a; b++) scatter[a * D + b] += z[a] * z[b];
    }
  }
  // Within-class scatter = total scatter − Σ_k n_k m_k m_kᵀ, then divided by n.
  const means = sums.map((v, i) =>
    counts[Math.floor(i / D)] > 0 ? v / counts[Math.floor(i / D)] : 0,
  );
  for (let k = 0; k < K; k++) {
    if (counts[k] === 0) continue;
    for (let a = 0; a < D; a++) {
      for (let b = 0; b <= a; b++)
        scatter[a * D + b] -= counts[k] * means[k * D + a] * means[k * D + b];
    }
  }
  const within = new Float64Array(D * D);
  for (let a = 0; a < D; a++) {
    for (let b = 0; b <= a; b++) within[a * D + b] = within[b * D + a] = scatter[a * D + b] / n;
  }
  return { D, K, n, mean, invStd, counts, means, within };
}

function solveProbe(st: ProbeStatistics, ridge: number): LinearProbe {
  const { D, K, n, counts, means } = st;
  const cov = Float64Array.from(st.within);
  for (let a = 0; a < D; a++) cov[a * D + a] += ridge;
  const meansT = new Float64Array(D * K); // (D, K): column k is m_k
  for (let k = 0; k < K; k++) for (let a = 0; a < D; a++) meansT[a * K + k] = means[k * D + a];
  const solved = solveSpd(cov, meansT, D, K); // (D, K): column k is Σ⁻¹m_k
  const weights = new Float64Array((D + 1) * K);
  weights.set(solved);
  for (let k = 0; k < K; k++) {
    let quad = 0;
    for (let a = 0; a < D; a++) quad += means[k * D + a] * solved[a * K + k];
    weights[D * K + k] = counts[k] > 0 ? -quad / 2 + Math.log(counts[k] / n) : -Infinity;
  }
  return { D, K, mean: st.mean, invStd: st.invStd, weights };
}

/** Share of rows whose argmax score is their label. */
export function probeAccuracy(probe: LinearProbe, data: ProbeData): number {
  const z = standardisedRows(data, probe.D, probe.mean, probe.invStd);
  return countRight(z, data.labels, probe) / data.labels.length;
}

/**
 * How many rows' argmax score is their label, the scores (n, K) = Z·W as one matrix product:
 * scoring is most of what a cross-validated fit costs (every row, once per λ, n·(D+1)·K), and
 * in Float32 the product runs on the engine's WebAssembly kernels. Rounding can only reorder
 * scores within about 1e-7 of each other, which no accuracy quoted here can see.
 */
function countRight(z: Float32Array, labels: ArrayLike<number>, probe: LinearProbe): number {
  const { D, K } = probe;
  const n = labels.length;
  const scores = new Float32Array(n * K);
  matmulAB(scores, z, Float32Array.from(probe.weights), n, D + 1, K);
  let right = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (scores[i * K + k] > scores[i * K + best]) best = k;
    if (best === labels[i]) right++;
  }
  return right;
}

/** Every row standardised, with a 1 appended for the bias: (n, D + 1). */
function standardisedRows(
  data: ProbeData,
  D: number,
  mean: Float64Array,
  invStd: Float64Array,
): Float32Array {
  const n = data.labels.length;
  const out = new Float32Array(n * (D + 1));
  const z = new Float64Array(D + 1);
  for (let i = 0; i < n; i++) {
    standardise(data.x, i, D, mean, invStd, z);
    out.set(z, i * (D + 1));
  }
  return out;
}

/** Share of `test` rows whose label is the most common label of `train`: what no probe must beat. */
export function majorityAccuracy(train: ArrayLike<number>, test: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < train.length; i++) counts.set(train[i], (counts.get(train[i]) ?? 0) + 1);
  const top = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  let hits = 0;
  for (let i = 0; i < test.length; i++) if (test[i] === top) hits++;
  return hits / test.length;
}

function standardise(
  x: ArrayLike<number>,
  row: number,
  D: number,
  mean: Float64Array,
  invStd: Float64Array,
  z: Float64Array,
): void {
  for (let j = 0; j < D; j++) z[j] = (x[row * D + j] - mean[j]) * invStd[j];
  z[D] = 1;
}

/** Solves A·X = B for symmetric positive definite A (E, E) by Cholesky; B is (E, K). */
function solveSpd(A: Float64Array, B: Float64Array, E: number, K: number): Float64Array {
  const L = new Float64Array(E * E); // A = L·Lᵀ, L lower triangular
  for (let i = 0; i < E; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * E + j];
      for (let k = 0; k < j; k++) s -= L[i * E + k] * L[j * E + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('the probe system is not positive definite');
        L[i * E + i] = Math.sqrt(s);
      } else L[i * E + j] = s / L[j * E + j];
    }
  }
  const X = Float64Array.from(B);
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < E; i++) {
      // L·y = b, forward
      let s = X[i * K + c];
      for (let k = 0; k < i; k++) s -= L[i * E + k] * X[k * K + c];
      X[i * K + c] = s / L[i * E + i];
    }
    for (let i = E - 1; i >= 0; i--) {
      // Lᵀ·x = y, backward
      let s = X[i * K + c];
      for (let k = i + 1; k < E; k++) s -= L[k * E + i] * X[k * K + c];
      X[i * K + c] = s / L[i * E + i];
    }
  }
  return X;
}
