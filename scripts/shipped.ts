/** What `npm run train` ships: one architecture, trained with skips and without. */
export interface ShippedModel {
  id: string;
  file: string;
  label: string;
  skipStrength: number;
}

export const SHIPPED_MODELS: readonly ShippedModel[] = [
  {
    id: 'residual',
    file: 'residual.safetensors',
    label: 'Trained with skips (α = 1)',
    skipStrength: 1,
  },
  {
    id: 'plain',
    file: 'plain.safetensors',
    label: 'Trained without skips (α = 0)',
    skipStrength: 0,
  },
];

/**
 * How the pair is trained. No init here: each network gets its own (`defaultInitFor`) unless
 * `npm run train -- --init` names one. Each model's learning rate is the one of `lrSweep` with
 * the lowest validation loss after `sweepSteps`; training then goes on from that run until the
 * validation loss has not improved for `patience` evaluations, or `maxSteps`.
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
  maxSteps: 6000,
  patience: 5,
  evalEvery: 100,
  validBatches: 16,
  dataSeed: 1,
  batchSize: 16,
  /** Minimal pairs scored for agreement accuracy (seed and count of data/agreementProbes.ts). */
  agreement: { seed: 7, probes: 500 },
} as const;
