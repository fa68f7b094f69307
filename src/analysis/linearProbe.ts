/**
 * A linear probe: can a class be read off a vector by one linear map? Fitted as ridge
 * regression onto one-hot targets, in closed form, and read as argmax of the scores:
 *
 *   z = (x − μ) / σ  per feature (train statistics; a constant feature stays 0)
 *   W = (ZᵀZ + λ·n·I)⁻¹ ZᵀY      Z = [z, 1] (n, D+1), Y one-hot (n, K)
 *   predict(x) = argmax_k (z·W)_k
 *
 * Closed form rather than gradient descent: ZᵀZ is only (D+1)², and ZᵀY is a sum of rows per
 * class, so a fit costs n·D² whatever the number of classes. Standardising first puts every
 * residual point on the same footing, whatever the scale of its stream (the plain model's
 * collapses or blows up with depth), and makes λ mean the same everywhere.
 */

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

/** λ relative to n: enough to keep ZᵀZ invertible when features are collinear, no more. */
export const RIDGE = 1e-3;

export function fitLinearProbe(data: ProbeData, D: number, K: number, ridge = RIDGE): LinearProbe {
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
  const E = D + 1;
  const gram = new Float64Array(E * E); // ZᵀZ
  const zy = new Float64Array(E * K); // ZᵀY
  const z = new Float64Array(E);
  for (let i = 0; i < n; i++) {
    const y = data.labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= K)
      throw new Error(`label ${y} is not in 0..${K - 1}`);
    standardise(data.x, i, D, mean, invStd, z);
    for (let a = 0; a < E; a++) {
      zy[a * K + y] += z[a];
      for (let b = 0; b <= a; b++) gram[a * E + b] += z[a] * z[b];
    }
  }
  for (let a = 0; a < E; a++) {
    for (let b = 0; b < a; b++) gram[b * E + a] = gram[a * E + b];
    gram[a * E + a] += ridge * n;
  }
  return { D, K, mean, invStd, weights: solveSpd(gram, zy, E, K) };
}

/** Share of rows whose argmax score is their label. */
export function probeAccuracy(probe: LinearProbe, data: ProbeData): number {
  const { D, K, weights } = probe;
  const n = data.labels.length;
  const z = new Float64Array(D + 1);
  const scores = new Float64Array(K);
  let right = 0;
  for (let i = 0; i < n; i++) {
    standardise(data.x, i, D, probe.mean, probe.invStd, z);
    scores.fill(0);
    for (let a = 0; a <= D; a++) {
      if (z[a] === 0) continue;
      for (let k = 0; k < K; k++) scores[k] += z[a] * weights[a * K + k];
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (scores[k] > scores[best]) best = k;
    if (best === data.labels[i]) right++;
  }
  return right / n;
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
