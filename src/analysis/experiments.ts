/**
 * The lab's experiments on one model, by name: what `npm run experiment` prints and what the
 * worker runs, from the same code. Each measures on fixed validation windows from `seed`, so a
 * seed reproduces the numbers, and the model with skips and the one without see the same text.
 */
import { validationBatches, type Batch } from '../data/batches';
import type { Model } from '../engine/model';
import { traceSequence, type Trace } from '../engine/trace';
import { gradientProfile, type GradientProfile } from './gradientFlow';
import { identityMeasure, type IdentityMeasure } from './identity';
import { lesionSweep, type LesionSweep } from './lesion';
import { lensSummary, logitLens, type LensSummary, type LogitLens } from './logitLens';
import { orthogonality, type Orthogonality } from './orthogonality';
import { rankCollapse, type RankCollapse } from './rankCollapse';
import { windowBatches } from './textBatches';

export const EXPERIMENT_NAMES = [
  'rank-collapse',
  'gradient-flow',
  'lesion',
  'orthogonality',
  'logit-lens',
] as const;
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

export function isExperimentName(name: string): name is ExperimentName {
  return (EXPERIMENT_NAMES as readonly string[]).includes(name);
}

export interface ExperimentData {
  /** Seeds the validation windows. */
  seed: number;
  /** Single sequences traced for the per-token measures (default 8). */
  sequences?: number;
  /** Batches of 8 windows for losses and gradients (default 4). */
  batches?: number;
  /**
   * Token windows of one length to measure on instead of the grammar's validation windows: a
   * model with a tokenizer of its own (GPT-2) reads text in its language (data/textWindows.ts).
   * Each is traced alone; the losses run on them as windowBatches packs them.
   */
  windows?: readonly Int32Array[];
}

export type ExperimentResult =
  | { name: 'rank-collapse'; rankCollapse: RankCollapse }
  | { name: 'gradient-flow'; gradients: GradientProfile }
  | { name: 'lesion'; lesion: LesionSweep; identity: IdentityMeasure }
  | { name: 'orthogonality'; orthogonality: Orthogonality }
  | { name: 'logit-lens'; summary: LensSummary; first: LogitLens; firstTokens: Int32Array };

export const EXPERIMENT_DEFAULTS = { sequences: 8, batches: 4, batchSize: 8 } as const;

/** `count` validation windows of the model's context length, each traced on its own. */
export function traceWindows(model: Model, seed: number, count: number): Trace[] {
  const windows = validationBatches(
    { seed, batchSize: 1, blockSize: model.config.contextLength },
    count,
  );
  return windows.map((w) => traceSequence(model, w.tokens));
}

function lossBatches(model: Model, data: ExperimentData): Batch[] {
  if (data.windows) return windowBatches(data.windows).batches;
  return validationBatches(
    {
      seed: data.seed,
      batchSize: EXPERIMENT_DEFAULTS.batchSize,
      blockSize: model.config.contextLength,
    },
    data.batches ?? EXPERIMENT_DEFAULTS.batches,
  );
}

export function runExperiment(
  name: ExperimentName,
  model: Model,
  data: ExperimentData,
): ExperimentResult {
  const traces = (): Trace[] =>
    data.windows
      ? data.windows.map((w) => traceSequence(model, w))
      : traceWindows(model, data.seed, data.sequences ?? EXPERIMENT_DEFAULTS.sequences);
  const blockSize = data.windows ? windowBatches(data.windows).blockSize : undefined;
  switch (name) {
    case 'rank-collapse':
      return { name, rankCollapse: rankCollapse(traces()) };
    case 'orthogonality':
      return { name, orthogonality: orthogonality(traces()) };
    case 'gradient-flow':
      return { name, gradients: gradientProfile(model, lossBatches(model, data), blockSize) };
    case 'lesion':
      return {
        name,
        lesion: lesionSweep(model, lossBatches(model, data), blockSize),
        identity: identityMeasure(traces()),
      };
    case 'logit-lens': {
      const all = traces();
      const lenses = all.map((tr) => logitLens(model, tr));
      return { name, summary: lensSummary(lenses), first: lenses[0], firstTokens: all[0].tokens };
    }
  }
}
