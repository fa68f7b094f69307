import { matmulAB, matmulABt, matmulAtB } from '../../src/engine/ops/matmul';
import { Rng } from '../../src/engine/rng';
import { tf } from './tfjsBackends';
import { gflops, medianMs } from './timing';

/** The three products a linear layer's forward and backward passes use. */
export const LAYOUTS = ['A·B', 'A·Bᵀ', 'Aᵀ·B'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const MATMUL_SIZES = [64, 128, 256] as const;

const OURS: Record<Layout, typeof matmulAB> = {
  'A·B': matmulAB,
  'A·Bᵀ': matmulABt,
  'Aᵀ·B': matmulAtB,
};

const randomMatrix = (rng: Rng, n: number): Float32Array =>
  Float32Array.from({ length: n * n }, () => rng.normal());

/** Budget per measurement: enough repetitions for a stable median at every size. */
const timing = { warmup: 3, reps: 200, minReps: 5, budgetMs: 250 };

/** GFLOP/s of our kernel for an n×n×n product in `layout` (inputs copied in, result out: the op's full cost). */
export function oursMatmulGflops(n: number, layout: Layout): number {
  const rng = new Rng(n);
  const a = randomMatrix(rng, n);
  const b = randomMatrix(rng, n);
  const out = new Float32Array(n * n);
  const kernel = OURS[layout];
  const ms = medianMs(() => kernel(out, a, b, n, n, n), timing);
  return gflops(2 * n ** 3, ms);
}

/** GFLOP/s of tf.matMul on the current backend, inputs already resident in the backend. */
export function tfjsMatmulGflops(n: number, layout: Layout): number {
  const rng = new Rng(n);
  const a = tf.tensor2d(randomMatrix(rng, n), [n, n]);
  const b = tf.tensor2d(randomMatrix(rng, n), [n, n]);
  const ms = medianMs(() => {
    tf.matMul(a, b, layout === 'Aᵀ·B', layout === 'A·Bᵀ').dispose();
  }, timing);
  a.dispose();
  b.dispose();
  return gflops(2 * n ** 3, ms);
}
