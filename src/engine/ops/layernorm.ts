import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';

/** LayerNorm ε, as PyTorch's default; docs/MODEL.md states it too. */
export const LN_EPS = 1e-5;

/**
 * y = (x − μ)/σ · g + b over the last axis of x[N,C], σ = √(var + ε) with the biased variance
 * (ε = `eps`, LN_EPS unless a caller says otherwise).
 * Saves μ and 1/σ per row for the backward pass.
 */
export function layerNormForward(
  y: Floats,
  mean: Floats,
  rstd: Floats,
  x: Floats,
  g: Floats,
  b: Floats,
  N: number,
  C: number,
  eps = LN_EPS,
): void {
  const wasm = f32KernelsFor(y);
  if (wasm) return wasm.layerNormForward(y, mean, rstd, x, g, b, N, C, eps);
  for (let n = 0; n < N; n++) {
    const row = n * C;
    let m = 0;
    for (let c = 0; c < C; c++) m += x[row + c];
    m /= C;
    let v = 0;
    for (let c = 0; c < C; c++) {
      const d = x[row + c] - m;
      v += d * d;
    }
    const r = 1 / Math.sqrt(v / C + eps);
    mean[n] = m;
    rstd[n] = r;
    for (let c = 0; c < C; c++) y[row + c] = (x[row + c] - m) * r * g[c] + b[c];
  }
}

/**
 * With x̂ = (x − μ)/σ and d = dy·g:  dx = (d − mean(d) − x̂·mean(d·x̂)) / σ.
 * dx is written, or added when `accumulate`; dg += Σ dy·x̂, db += Σ dy.
 */
export function layerNormBackward(
  dx: Floats,
  dg: Floats,
  db: Floats,
  dy: Floats,
  x: Floats,
  mean: Floats,
  rstd: Floats,
  g: Floats,
  N: number,
  C: number,
  accumulate = false,
): void {
  const wasm = f32KernelsFor(dx);
  if (wasm) return wasm.layerNormBackward(dx, dg, db, dy, x, mean, rstd, g, N, C, accumulate);
  for (let n = 0; n < N; n++) {
    const row = n * C;
    const m = mean[n];
    const r = rstd[n];
    let sumD = 0;
    let sumDXhat = 0;
    for (let c = 0; c < C; c++) {
      const xhat = (x[row + c] - m) * r;
      const d = dy[row + c] * g[c];
      sumD += d;
      sumDXhat += d * xhat;
      dg[c] += dy[row + c] * xhat;
      db[c] += dy[row + c];
    }
    const meanD = sumD / C;
    const meanDXhat = sumDXhat / C;
    for (let c = 0; c < C; c++) {
      const xhat = (x[row + c] - m) * r;
      const v = (dy[row + c] * g[c] - meanD - xhat * meanDXhat) * r;
      dx[row + c] = accumulate ? dx[row + c] + v : v;
    }
  }
}
