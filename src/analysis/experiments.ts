/**
 * The lab's experiments on one model, by name: what `npm run experiment` prints and what the
 * worker runs, from the same code. Each measures on fixed validation windows from `seed`, so a
 * seed reproduces the numbers, and the model with skips and the one without see the same text.
 */
import { validationBatches, type Batch } from '../data/batches';
import { ENGLISH_SAMPLE, TEXT_WINDOWS } from '../data/englishSample';
import type { TextTokenizer } from '../data/textTokenizer';
import { textWindows } from '../data/textWindows';
import { INFERENCE_MAX_TOKENS } from '../engine/budget';
import type { Model } from '../engine/model';
import { traceSequence, type Trace } from '../engine/trace';
import { gradientProfile, type GradientProfile } from './gradientFlow';
import { identityMeasure, type IdentityMeasure } from './identity';
import { lesionSweep, type LesionSweep } from './lesion';
import { lensSummary, logitLens, type LensSummary, type LogitLens } from './logitLens';
import { orthogonality, type Orthogonality } from './orthogonality';
import { rankCollapse, type RankCollapse } from './rankCollapse';

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

/** TEXT_WINDOWS of `text` (the English sample unless given), each after the start token. */
export function measuringWindows(
  model: Model,
  tokenizer: TextTokenizer,
  text: string = ENGLISH_SAMPLE,
): Int32Array[] {
  const length = Math.min(TEXT_WINDOWS.length, model.config.contextLength);
  return textWindows(tokenizer, text, length, TEXT_WINDOWS.count);
}

/**
 * Next-token batches of windows of one length: each window's tokens but the last, against the
 * tokens after, as many windows to a batch as fit in INFERENCE_MAX_TOKENS rows (every batch the
 * same size, so the count of windows a batch holds divides the windows'). `blockSize` is the rows'
 * length.
 */
export function windowBatches(windows: readonly Int32Array[]): {
  batches: Batch[];
  blockSize: number;
} {
  const blockSize = windows[0].length - 1;
  let perBatch = Math.max(1, Math.floor(INFERENCE_MAX_TOKENS / blockSize));
  while (windows.length % perBatch !== 0) perBatch--;
  const batches: Batch[] = [];
  for (let i = 0; i < windows.length; i += perBatch) {
    const group = windows.slice(i, i + perBatch);
    batches.push({
      tokens: Int32Array.from(group.flatMap((w) => Array.from(w.subarray(0, -1)))),
      targets: Int32Array.from(group.flatMap((w) => Array.from(w.subarray(1)))),
    });
  }
  return { batches, blockSize };
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
