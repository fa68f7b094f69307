/**
 * Claim 4 by ablation (Veit, Wilber & Belongie 2016, "Residual networks behave like ensembles of
 * relatively shallow networks"): remove one sublayer, so the stream passes it unchanged, and see
 * how much the validation loss rises and how many predictions change. In a residual network most
 * single sublayers can go at a modest cost; in a plain stack every layer is a link in the only
 * chain.
 */
import type { Batch } from '../data/batches';
import type { Model } from '../engine/model';
import type { Floats } from '../engine/floats';
import { batchWorkspace, evaluateBatches, topPredictions } from './evaluate';
import { runToEnd } from './depthSweep';
import { sublayerCount } from '../engine/positions';

export interface LesionResult {
  /** Mean loss over the batches. */
  loss: number;
  /** Fraction of positions whose most likely next token differs from the intact model's. */
  predictionChange: number;
}

export interface LesionSweep {
  /** Mean loss with every sublayer in place. */
  intact: number;
  /** (2L): mean loss with sublayer k removed; sublayer 2l is layer l's attention, 2l + 1 its MLP. */
  lesioned: Float64Array;
  /** (2L): lesioned − intact. */
  increase: Float64Array;
  /** (2L): fraction of positions whose top prediction changes when sublayer k is removed. */
  predictionChange: Float64Array;
}

/** How far a sweep has got: passes over the batches done, of 2L + 1 (the intact one first). */
export interface LesionSweepProgress {
  done: number;
  total: number;
}

function lesionMask(model: Model, removed: readonly number[]): Uint8Array {
  const S = sublayerCount(model.config.nLayers);
  const mask = new Uint8Array(S);
  for (const k of removed) {
    if (!Number.isInteger(k) || k < 0 || k >= S) {
      throw new Error(`sublayer indices run from 0 to ${S - 1}, got ${k}`);
    }
    mask[k] = 1;
  }
  return mask;
}

function changedFraction(a: Int32Array, b: Int32Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed / a.length;
}

/** The listed sublayers removed together, against the intact model. */
export function lesionLoss(
  model: Model,
  batches: readonly Batch[],
  removed: readonly number[],
  blockSize?: number,
): LesionResult {
  const intact = evaluateBatches(model, batches, null, blockSize);
  const cut = evaluateBatches(model, batches, lesionMask(model, removed), blockSize);
  return { loss: cut.loss, predictionChange: changedFraction(intact.top1, cut.top1) };
}

/**
 * Removes each sublayer in turn, one pass over the batches per yield. Removing sublayer k leaves
 * the stream up to point k as the intact pass had it, so each lesioned pass starts there from a
 * copy kept of the intact stream (ForwardOptions.from): the sweep runs Σ_k (2L − k) sublayers,
 * about half of the 2L·(2L + 1) a pass from the embedding each would. The unembedding still runs
 * in every pass. The copies take batches × 2L × (N, C) floats (18 MB for GPT-2 small on 8
 * windows of 31 tokens). The workspace is looked up at every step, not held: a worker runs the
 * explorer's traces between steps, and an inference model keeps one workspace only.
 */
export function* lesionSweepSteps(
  model: Model,
  batches: readonly Batch[],
  blockSize?: number,
): Generator<LesionSweepProgress, LesionSweep, void> {
  const S = sublayerCount(model.config.nLayers);
  const V = model.config.vocabSize;
  const total = S + 1;
  let ws = batchWorkspace(model, batches, blockSize);
  const rows = ws.N;
  // intactStream[b][k]: x_k of batch b with every sublayer in place, for k < 2L.
  const intactStream: Floats[][] = [];
  const intactTop1 = new Int32Array(batches.length * rows);
  let intactSum = 0;
  batches.forEach((b, i) => {
    const kept: Floats[] = [];
    intactSum += model.forward(ws, b.tokens, b.targets, {
      patch: (k, x) => {
        if (k < S) kept[k] = x.slice();
      },
    });
    topPredictions(ws, V, intactTop1, i * rows);
    intactStream.push(kept);
  });
  const intact = intactSum / batches.length;
  yield { done: 1, total };

  const lesioned = new Float64Array(S);
  const predictionChange = new Float64Array(S);
  const top1 = new Int32Array(batches.length * rows);
  for (let k = 0; k < S; k++) {
    ws = batchWorkspace(model, batches, blockSize);
    const lesions = lesionMask(model, [k]);
    let sum = 0;
    batches.forEach((b, i) => {
      sum += model.forward(ws, b.tokens, b.targets, {
        lesions,
        from: { point: k, stream: intactStream[i][k] },
      });
      topPredictions(ws, V, top1, i * rows);
    });
    lesioned[k] = sum / batches.length;
    predictionChange[k] = changedFraction(intactTop1, top1);
    yield { done: k + 2, total };
  }
  return {
    intact,
    lesioned,
    increase: lesioned.map((v) => v - intact),
    predictionChange,
  };
}

/** The whole sweep at once, for callers with no progress to show (the CLI, tests). */
export function lesionSweep(
  model: Model,
  batches: readonly Batch[],
  blockSize?: number,
): LesionSweep {
  return runToEnd(lesionSweepSteps(model, batches, blockSize));
}
