import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';

/**
 * The three matrix products a linear layer needs, all row-major, all writing `out`
 * (or adding to it when `accumulate` is set, which is how tied weights and repeated
 * uses sum their gradients).
 *
 *   forward    Y = X·Wᵀ   matmulABt  (W is stored [out, in], as PyTorch's nn.Linear)
 *   backward  dX = dY·W   matmulAB
 *             dW = dYᵀ·X  matmulAtB
 *
 * Loops are ordered so the innermost one walks contiguous memory, and unrolled by four on
 * the shared dimension so each load or store of `out` does four multiply-adds: in plain JS
 * the typed-array traffic, not the arithmetic, is what costs. These loops are the reference
 * and the Float64 path; Float32 runs the WebAssembly SIMD kernels when they load
 * (kernels/f32Kernels.ts).
 */

/** The layouts, named by the operands as the product reads them. */
export type MatmulLayout = 'AB' | 'ABt' | 'AtB';

/** out[M,N] (+)= op(a)[M,K] · op(b)[K,N] */
export type Matmul = (
  out: Floats,
  a: Floats,
  b: Floats,
  M: number,
  K: number,
  N: number,
  accumulate?: boolean,
) => void;

/** The op for a layout: the WebAssembly kernels where they serve this buffer, else `loops`. */
function matmulOp(layout: MatmulLayout, loops: Matmul): Matmul {
  return (out, a, b, M, K, N, accumulate = false) => {
    const wasm = f32KernelsFor(out);
    if (wasm) return wasm.matmul(layout, out, a, b, M, K, N, accumulate);
    loops(out, a, b, M, K, N, accumulate);
  };
}

/** out[M,N] (+)= a[M,K] · b[N,K]ᵀ : dot products of contiguous rows, four columns at a time. */
export const matmulABt = matmulOp('ABt', (out, a, b, M, K, N, accumulate) => {
  const N4 = N - (N % 4);
  for (let i = 0; i < M; i++) {
    const ai = i * K;
    const oi = i * N;
    let j = 0;
    for (; j < N4; j += 4) {
      const b0 = j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[ai + k];
        s0 += x * b[b0 + k];
        s1 += x * b[b1 + k];
        s2 += x * b[b2 + k];
        s3 += x * b[b3 + k];
      }
      if (accumulate) {
        out[oi + j] += s0;
        out[oi + j + 1] += s1;
        out[oi + j + 2] += s2;
        out[oi + j + 3] += s3;
      } else {
        out[oi + j] = s0;
        out[oi + j + 1] = s1;
        out[oi + j + 2] = s2;
        out[oi + j + 3] = s3;
      }
    }
    for (; j < N; j++) {
      const bj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += a[ai + k] * b[bj + k];
      out[oi + j] = accumulate ? out[oi + j] + s : s;
    }
  }
});

/** out[M,N] (+)= a[M,K] · b[K,N] : rows of b combined four at a time into a row of out. */
export const matmulAB = matmulOp('AB', (out, a, b, M, K, N, accumulate = false) =>
  combineRowsOfB(out, a, K, 1, b, M, K, N, accumulate),
);

/** out[M,N] (+)= a[K,M]ᵀ · b[K,N] : like matmulAB, reading a down its columns. */
export const matmulAtB = matmulOp('AtB', (out, a, b, M, K, N, accumulate = false) =>
  combineRowsOfB(out, a, 1, M, b, M, K, N, accumulate),
);

/**
 * out[M,N] (+)= A·b[K,N] where A[i,k] = a[i·iStride + k·kStride]: (K, 1) reads a as [M,K],
 * (1, M) reads it as the transpose of a [K,M].
 */
function combineRowsOfB(
  out: Floats,
  a: Floats,
  iStride: number,
  kStride: number,
  b: Floats,
  M: number,
  K: number,
  N: number,
  accumulate: boolean,
): void {
  if (!accumulate) out.fill(0, 0, M * N);
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const oi = i * N;
    const ai = i * iStride;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = a[ai + k * kStride];
      const a1 = a[ai + (k + 1) * kStride];
      const a2 = a[ai + (k + 2) * kStride];
      const a3 = a[ai + (k + 3) * kStride];
      const b0 = k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        out[oi + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
      }
    }
    for (; k < K; k++) {
      const aik = a[ai + k * kStride];
      const bk = k * N;
      for (let j = 0; j < N; j++) out[oi + j] += aik * b[bk + j];
    }
  }
}
