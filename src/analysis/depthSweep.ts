/**
 * The depth sweep of claim 3: for each depth, build a small model, measure how much gradient
 * reaches the first layer at initialisation, train it a number of steps, and measure again. The
 * same seed gives the same initialisation, batches and measurement set, so a sweep over skips
 * on and off compares like with like.
 *
 * Each run records the initialisation it used (by default the one made for its network, see
 * `defaultInitFor`). With `compareInit`, every depth is run a second time from that scheme
 * (GPT-2's by default), same seed and batches: the gap between the two runs is the part of the
 * gradient gap owed to the initialisation, the rest is the skips'.
 *
 * A generator, so a worker can post progress after every training step, and stop (by no longer
 * calling next) between any two steps.
 */
import { validationBatches } from '../data/batches';
import type { AdamWOptions } from '../engine/adamw';
import {
  defaultInitFor,
  type InitScheme,
  type ModelConfig,
  type NormPlacement,
} from '../engine/config';
import { DivergenceError, Trainer } from '../training/trainer';
import { gradientProfile, type GradientProfile } from './gradientFlow';

export interface DepthSweepOptions {
  /** One depth or several, each a model of that many blocks. */
  layers: number | readonly number[];
  norm: NormPlacement;
  /** α in x ← α·x + f(x): 1 with skips, 0 without. */
  skipStrength: number;
  /** The weights' initialisation; the network's own (`defaultInitFor(skipStrength)`) if not given. */
  init?: InitScheme;
  /** Also run every depth from this scheme, so a reader can tell the init's part of the gap. */
  compareInit?: InitScheme;
  trainSteps: number;
  /** Seeds the initialisation, the training batches and the measurement batches. */
  seed: number;
  /** Measurement batches each gradient profile averages over. */
  batches: number;
  dModel?: number; // 32
  nHeads?: number; // 4
  contextLength?: number; // 16
  batchSize?: number; // 8
  /** The trainer's AdamW; by default a 10-step warm-up so tens of steps reach the full rate. */
  optimizer?: Partial<AdamWOptions>;
  /** Sentences in the training stream (fewer builds faster; the data module's default otherwise). */
  trainSentences?: number;
}

export interface DepthRun {
  layers: number;
  /** Its init is `config.init`. */
  config: ModelConfig;
  init: GradientProfile;
  /** After the training steps that ran (all of them unless it diverged). */
  trained: GradientProfile;
  /** Training loss at each step taken. */
  losses: Float64Array;
  /** Why training stopped early (a non-finite loss or gradient), or null. */
  diverged: string | null;
}

export interface DepthSweepProgress {
  /** Index of the (depth, init) run, of `runs`. */
  run: number;
  runs: number;
  layers: number;
  init: InitScheme;
  /** Training steps done so far (0 right after the initial measurement). */
  step: number;
  totalSteps: number;
  /** The last training loss, or the initial measurement loss at step 0. */
  loss: number;
}

export const SWEEP_DEFAULTS = { dModel: 32, nHeads: 4, contextLength: 16, batchSize: 8 } as const;

export function* gradientDepthSweep(
  opts: DepthSweepOptions,
): Generator<DepthSweepProgress, DepthRun[], void> {
  const depths = typeof opts.layers === 'number' ? [opts.layers] : [...opts.layers];
  if (depths.length === 0) throw new Error('give at least one depth');
  if (!Number.isInteger(opts.trainSteps) || opts.trainSteps < 0) {
    throw new Error(`trainSteps must be a whole number ≥ 0, got ${opts.trainSteps}`);
  }
  if (!Number.isInteger(opts.batches) || opts.batches < 1) {
    throw new Error(`batches must be a whole number ≥ 1, got ${opts.batches}`);
  }
  const shape = {
    dModel: opts.dModel ?? SWEEP_DEFAULTS.dModel,
    nHeads: opts.nHeads ?? SWEEP_DEFAULTS.nHeads,
    contextLength: opts.contextLength ?? SWEEP_DEFAULTS.contextLength,
  };
  const batchSize = opts.batchSize ?? SWEEP_DEFAULTS.batchSize;
  const measure = validationBatches(
    { seed: opts.seed, batchSize, blockSize: shape.contextLength },
    opts.batches,
  );
  const own = opts.init ?? defaultInitFor(opts.skipStrength);
  const inits = opts.compareInit && opts.compareInit !== own ? [own, opts.compareInit] : [own];
  const plan = depths.flatMap((layers) => inits.map((init) => ({ layers, init })));
  const runs: DepthRun[] = [];
  for (const [run, { layers, init: scheme }] of plan.entries()) {
    const trainer = new Trainer({
      model: {
        ...shape,
        nLayers: layers,
        norm: opts.norm,
        skipStrength: opts.skipStrength,
        init: scheme,
        seed: opts.seed,
      },
      optimizer: { warmupSteps: Math.min(10, opts.trainSteps), ...opts.optimizer },
      dataSeed: opts.seed,
      batchSize,
      trainSentences: opts.trainSentences,
      validBatches: 1,
    });
    const progress = (step: number, loss: number): DepthSweepProgress => ({
      run,
      runs: plan.length,
      layers,
      init: scheme,
      step,
      totalSteps: opts.trainSteps,
      loss,
    });
    const init = gradientProfile(trainer.model, measure);
    yield progress(0, init.loss);
    const losses: number[] = [];
    let diverged: string | null = null;
    for (let s = 1; s <= opts.trainSteps; s++) {
      try {
        losses.push(trainer.step().loss);
      } catch (e) {
        if (!(e instanceof DivergenceError)) throw e;
        diverged = e.message;
        break;
      }
      yield progress(s, losses[losses.length - 1]);
    }
    runs.push({
      layers,
      config: trainer.model.config,
      init,
      trained: gradientProfile(trainer.model, measure),
      losses: Float64Array.from(losses),
      diverged,
    });
  }
  return runs;
}

/** Drives the generator to the end, for callers with no progress to show (tests, the CLI). */
export function runToEnd<T, R>(gen: Generator<T, R, void>, onProgress?: (p: T) => void): R {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    onProgress?.(r.value);
  }
}
