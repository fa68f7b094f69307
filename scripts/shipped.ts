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

export const TRAINING = {
  model: {
    dModel: 64,
    nHeads: 4,
    nLayers: 4,
    contextLength: 32,
    norm: 'pre',
    init: 'gpt2',
    seed: 1,
  },
  optimizer: { lr: 3e-3, warmupSteps: 100, weightDecay: 0.01, clipNorm: 1 },
  dataSeed: 1,
  batchSize: 16,
  steps: 600,
  evalEvery: 50,
} as const;
