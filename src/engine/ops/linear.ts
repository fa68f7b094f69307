import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';
import { matmulAB, matmulABt, matmulAtB } from './matmul';

/**
 * y[N,O] = x[N,I] · w[O,I]ᵀ + b[O]   (w stored as PyTorch's nn.Linear stores it)
 */
export function linearForward(
  y: Floats,
  x: Floats,
  w: Floats,
  b: Floats | null,
  N: number,
  I: number,
  O: number,
): void {
  const wasm = f32KernelsFor(y);
  if (wasm) return wasm.linearForward(y, x, w, b, N, I, O);
  matmulABt(y, x, w, N, I, O);
  if (b) {
    for (let n = 0; n < N; n++) {
      const row = n * O;
      for (let o = 0; o < O; o++) y[row + o] += b[o];
    }
  }
}

/**
 * Given dy[N,O]: dx[N,I] = dy·w (written, or added when accumulateDx), dw[O,I] += dyᵀ·x,
 * db[O] += Σ_n dy. Parameter gradients always accumulate; the caller zeroes them once a step.
 */
export function linearBackward(
  dx: Floats | null,
  dw: Floats,
  db: Floats | null,
  dy: Floats,
  x: Floats,
  w: Floats,
  N: number,
  I: number,
  O: number,
  accumulateDx = false,
): void {
  const wasm = f32KernelsFor(dw);
  if (wasm) return wasm.linearBackward(dx, dw, db, dy, x, w, N, I, O, accumulateDx);
  if (dx) matmulAB(dx, dy, w, N, O, I, accumulateDx);
  matmulAtB(dw, dy, x, O, N, I, true);
  if (db) {
    for (let n = 0; n < N; n++) {
      const row = n * O;
      for (let o = 0; o < O; o++) db[o] += dy[row + o];
    }
  }
}
