import { validationBatches, type Batch } from '../data/batches';
import type { TextTokenizer } from '../data/textTokenizer';
import { wordTokenizer } from '../data/tokenizer';
import { measuringWindows, windowBatches } from '../analysis/textBatches';
import { lesionSweepSteps, type LesionSweep, type LesionSweepProgress } from '../analysis/lesion';
import { MAX_BATCH } from '../engine/budget';
import type { Model } from '../engine/model';
import type { LesionSweepRequest, Response } from './protocol';

/** The data seed the shipped models were trained on: their sweeps measure on its validation split. */
const DATA_SEED = 1;

/**
 * How long one request of a sweep computes before answering, so the explorer's traces, which
 * the worker's queue runs between requests, wait at most this (or one pass over the text, if
 * longer: 0.5–1.3 s of GPT-2 small). The small models' sweeps fit in one or two slices.
 */
export const LESION_SLICE_MS = 250;

/** A sweep under way in the worker, continued by the page's `resume` requests. */
export interface LesionJob {
  model: Model;
  steps: Generator<LesionSweepProgress, LesionSweep, void>;
}

/**
 * A new sweep of `model`: on the grammar's validation batches for our models, on English
 * windows (data/englishSample.ts TEXT_WINDOWS, analysis/textBatches.ts, as the CLI) for a model with a tokenizer of
 * its own.
 */
export function startLesionJob(
  model: Model,
  tokenizer: TextTokenizer,
  req: LesionSweepRequest,
): LesionJob {
  let batches: Batch[];
  let blockSize: number;
  if (tokenizer === wordTokenizer) {
    blockSize = model.config.contextLength;
    batches = validationBatches({ seed: DATA_SEED, batchSize: MAX_BATCH, blockSize }, req.batches);
  } else {
    ({ batches, blockSize } = windowBatches(measuringWindows(model, tokenizer)));
  }
  return { model, steps: lesionSweepSteps(model, batches, blockSize) };
}

/**
 * Runs the job for one slice and answers: `lesionProgress` while passes remain, `lesionSwept`
 * with the sweep at the end. True when the job is done.
 */
export function runLesionSlice(
  job: LesionJob,
  req: LesionSweepRequest,
  post: (r: Response) => void,
): boolean {
  const started = performance.now();
  for (;;) {
    const r = job.steps.next();
    if (r.done) {
      post({
        type: 'lesionSwept',
        id: req.id,
        slot: req.slot,
        intact: r.value.intact,
        lesioned: Float32Array.from(r.value.lesioned),
        predictionChange: Float32Array.from(r.value.predictionChange),
      });
      return true;
    }
    // After the last pass the sweep only adds up: answered at once, not in a request of its own.
    if (r.value.done < r.value.total && performance.now() - started > LESION_SLICE_MS) {
      post({ type: 'lesionProgress', id: req.id, slot: req.slot, ...r.value });
      return false;
    }
  }
}
