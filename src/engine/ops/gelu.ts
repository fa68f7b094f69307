import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';

/**
 * GELU, tanh approximation (as GPT-2 and PyTorch's `approximate='tanh'`):
 *   gelu(x) = ½x(1 + tanh(u)),  u = √(2/π)(x + 0.044715x³)
 *   gelu'(x) = ½(1 + tanh u) + ½x(1 − tanh² u)·√(2/π)(1 + 3·0.044715x²)
 */
const K = Math.sqrt(2 / Math.PI);
const A = 0.044715;

export function geluForward(y: Floats, x: Floats, n: number): void {
  const wasm = f32KernelsFor(y);
  if (wasm) return wasm.geluForward(y, x, n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    y[i] = 0.5 * v * (1 + Math.tanh(K * (v + A * v * v * v)));
  }
}

/** dx = dy · gelu'(x) */
export function geluBackward(dx: Floats, dy: Floats, x: Floats, n: number): void {
  const wasm = f32KernelsFor(dx);
  if (wasm) return wasm.geluBackward(dx, dy, x, n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const t = Math.tanh(K * (v + A * v * v * v));
    const dgelu = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K * (1 + 3 * A * v * v);
    dx[i] = dy[i] * dgelu;
  }
}
