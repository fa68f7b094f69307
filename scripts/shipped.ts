/** What `npm run train` ships: one architecture, trained with skips and without. */
export interface ShippedModel {
  id: string;
  file: string;
  label: string;
  skipStrength: number;
  /**
   * Steps of its cosine schedule, and so the most it trains. One length does not fit both: in a
   * 4000-step run the model with skips had converged (its validation loss moved 0.002 in the
   * last 500 steps) while the plain one was still falling 0.02 per 500; given 10,000 steps the
   * one with skips stopped early at a worse loss (2.863 against 2.835), its learning rate still
   * high when the validation loss first stalled. `--max-steps` sets both.
   */
  maxSteps: number;
}

export const SHIPPED_MODELS: readonly ShippedModel[] = [
  {
    id: 'residual',
    file: 'residual.safetensors',
    label: 'Trained with skips (α = 1)',
    skipStrength: 1,
    maxSteps: 4000,
  },
  {
    id: 'plain',
    file: 'plain.safetensors',
    label: 'Trained without skips (α = 0)',
    skipStrength: 0,
    maxSteps: 10_000,
  },
];

/**
 * How the pair is trained. No init here: each network gets its own (`defaultInitFor`) unless
 * `npm run train -- --init` names one. Each model's learning rate is the one of `lrSweep` with
 * the lowest validation loss after `sweepSteps`; training then goes on from that run until the
 * validation loss has not improved for `patience` evaluations, or the model's own `maxSteps`.
 */
export const TRAINING = {
  model: {
    dModel: 64,
    nHeads: 4,
    nLayers: 4,
    contextLength: 32,
    norm: 'pre',
    seed: 1,
  },
  optimizer: { warmupSteps: 100, weightDecay: 0.01, clipNorm: 1 },
  lrSweep: [1e-3, 3e-3, 1e-2],
  sweepSteps: 300,
  patience: 5,
  evalEvery: 100,
  validBatches: 16,
  dataSeed: 1,
  batchSize: 16,
  /** Minimal pairs scored for agreement accuracy (seed and count of data/agreementProbes.ts). */
  agreement: { seed: 7, probes: 500 },
} as const;
