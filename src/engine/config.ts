/** Model configuration: every knob the lab turns, with the defaults the shipped models use. */

import { budgetProblem, type ModelUse } from './budget';
import { skipStrengthProblem } from './skipStrength';

/** Where LayerNorm sits in a block (the final LayerNorm before the unembedding is always there). */
export type NormPlacement =
  | 'pre' // x ← α·x + f(LN(x))   (GPT-2, the blog post's code)
  | 'post' // x ← LN(α·x + f(x))   (the 2017 paper)
  | 'none'; // x ← α·x + f(x)      (no LayerNorm inside the blocks)
export const NORM_PLACEMENTS: readonly NormPlacement[] = ['pre', 'post', 'none'];

/**
 * How the weights are drawn. GPT-2's 1/√(2L) on the residual output projections keeps the sum
 * x_2L = x_0 + Σ f_k of 2L sublayer outputs at the scale of one; without skips there is no sum,
 * and the same scaling leaves each sublayer's output below LayerNorm's √ε, so the stream and its
 * gradient shrink layer after layer. Hence one scheme per network: see `defaultInitFor`.
 */
export type InitScheme =
  | 'gpt2' // weights ~ N(0, 0.02²), residual output projections scaled by 1/√(2L)
  | 'gpt2-unscaled' // weights ~ N(0, 0.02²), the output projections too
  | 'xavier'; // linear weights ~ U(±√(6/(fan_in + fan_out))), embeddings N(0, 0.02²)

export const INIT_SCHEMES: readonly InitScheme[] = ['gpt2', 'gpt2-unscaled', 'xavier'];

/**
 * The initialisation each network is made for: GPT-2's, whose residual scaling assumes skips,
 * when there are skips (α > 0); Xavier's, which keeps every layer's output at its input's
 * scale, when there are none. The one place that choice is made: the trainer, the depth sweep,
 * the lab and the scripts all call this unless the reader names a scheme.
 */
export function defaultInitFor(skipStrength: number): InitScheme {
  return skipStrength > 0 ? 'gpt2' : 'xavier';
}

export interface ModelConfig {
  vocabSize: number;
  dModel: number; // C
  nHeads: number; // nh; head size hs = C / nh
  nLayers: number; // L blocks, each an attention and an MLP sublayer
  contextLength: number; // T_max: rows of the position embedding
  mlpHidden: number; // H, 4·C by default
  /** α in x ← α·x + f(x): 1 is the residual network, 0 the plain stack. */
  skipStrength: number;
  norm: NormPlacement;
  init: InitScheme;
  seed: number;
}

export const DEFAULT_CONFIG: Readonly<ModelConfig> = {
  vocabSize: 64,
  dModel: 32,
  nHeads: 4,
  nLayers: 4,
  contextLength: 32,
  mlpHidden: 128,
  skipStrength: 1,
  norm: 'pre',
  init: 'gpt2',
  seed: 1,
};

export const MAX_LAYERS = 64;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Fills defaults (mlpHidden follows dModel, init follows skipStrength, unless given) and
 * validates. A file's config names its init, so a model loads with the scheme it was made with.
 */
export function makeConfig(partial: Partial<ModelConfig> = {}, use: ModelUse = {}): ModelConfig {
  const dModel = partial.dModel ?? DEFAULT_CONFIG.dModel;
  const config: ModelConfig = {
    ...DEFAULT_CONFIG,
    mlpHidden: 4 * dModel,
    ...partial,
    init: partial.init ?? defaultInitFor(partial.skipStrength ?? DEFAULT_CONFIG.skipStrength),
  };
  validateConfig(config, use);
  return config;
}

function requireInt(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

/** Checks every field, then the memory budget for the model's use (trained unless told). */
export function validateConfig(c: ModelConfig, use: ModelUse = {}): void {
  requireInt('vocabSize', c.vocabSize, 2, 100_000);
  requireInt('dModel', c.dModel, 1, 4096);
  requireInt('nHeads', c.nHeads, 1, 256);
  requireInt('nLayers', c.nLayers, 1, MAX_LAYERS);
  requireInt('contextLength', c.contextLength, 1, 4096);
  requireInt('mlpHidden', c.mlpHidden, 1, 65_536);
  requireInt('seed', c.seed, 0, 0xffffffff);
  if (c.dModel % c.nHeads !== 0) {
    throw new ConfigError(
      `dModel (${c.dModel}) must be divisible by nHeads (${c.nHeads}); ` +
        `allowed head counts for dModel ${c.dModel}: ${divisors(c.dModel).join(', ')}`,
    );
  }
  const skipProblem = skipStrengthProblem(c.skipStrength);
  if (skipProblem) throw new ConfigError(skipProblem);
  if (!NORM_PLACEMENTS.includes(c.norm)) {
    throw new ConfigError(`norm must be 'pre', 'post' or 'none', got ${JSON.stringify(c.norm)}`);
  }
  if (!INIT_SCHEMES.includes(c.init)) {
    throw new ConfigError(
      `init must be ${INIT_SCHEMES.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(c.init)}`,
    );
  }
  // Last: each field is within its limit, but their product may not be.
  const tooBig = budgetProblem(c, use);
  if (tooBig) throw new ConfigError(tooBig);
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, 64); d++) if (n % d === 0) out.push(d);
  return out;
}
