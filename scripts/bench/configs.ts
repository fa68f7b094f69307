import { makeConfig, type ModelConfig } from '../../src/engine/config';

/** The three shapes the engine issue names, each measured with skips on (α = 1) and off (α = 0). */
export interface BenchConfig {
  name: 'tiny' | 'small' | 'deep';
  model: Partial<ModelConfig>;
  batch: number;
}

export const BENCH_CONFIGS: readonly BenchConfig[] = [
  {
    name: 'tiny',
    model: { vocabSize: 64, dModel: 32, nHeads: 4, nLayers: 4, contextLength: 32 },
    batch: 8,
  },
  {
    name: 'small',
    model: { vocabSize: 64, dModel: 64, nHeads: 4, nLayers: 6, contextLength: 64 },
    batch: 8,
  },
  {
    name: 'deep',
    model: { vocabSize: 64, dModel: 32, nHeads: 4, nLayers: 16, contextLength: 32 },
    batch: 8,
  },
];

export interface StepFlops {
  forward: number;
  /** forward + backward (the optimiser's few FLOPs per parameter are not counted) */
  train: number;
}

/**
 * Analytic FLOPs of one pass over a batch of B full-length sequences, counting the matrix
 * products only (2 FLOPs per multiply-add), as is usual; LayerNorm, GELU, softmax and the
 * residual adds are a few percent on these shapes and are left out.
 *
 *   per block   qkv 2·N·C·3C + proj 2·N·C·C + fc 2·N·C·H + proj 2·N·H·C
 *               attention q·kᵀ and p·v, causal: 2 · 2·B·nh·hs·T(T+1)/2
 *   once        logits 2·N·C·V
 *
 * Backward does twice the forward's products: every linear layer needs dX and dW, and
 * attention needs dP, dV, dQ and dK.
 */
export function stepFlops(partial: Partial<ModelConfig>, B: number): StepFlops {
  const c = makeConfig(partial);
  const T = c.contextLength;
  const N = B * T;
  const C = c.dModel;
  const H = c.mlpHidden;
  const linears = 2 * N * C * (3 * C) + 2 * N * C * C + 2 * N * C * H + 2 * N * H * C;
  const attention = 2 * (2 * B * C * ((T * (T + 1)) / 2)); // nh·hs = C
  const forward = c.nLayers * (linears + attention) + 2 * N * C * c.vocabSize;
  return { forward, train: 3 * forward };
}
