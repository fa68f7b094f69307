/**
 * Claim 4 by ablation (Veit, Wilber & Belongie 2016, "Residual networks behave like ensembles of
 * relatively shallow networks"): remove one sublayer, so the stream passes it unchanged, and see
 * how much the validation loss rises and how many predictions change. In a residual network most
 * single sublayers can go at a modest cost; in a plain stack every layer is a link in the only
 * chain.
 */
import type { Batch } from '../data/batches';
import type { Model } from '../engine/model';
import { evaluateBatches } from './evaluate';
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

/** Removes each sublayer in turn: 2L + 1 passes over the batches. */
export function lesionSweep(
  model: Model,
  batches: readonly Batch[],
  blockSize?: number,
): LesionSweep {
  const S = sublayerCount(model.config.nLayers);
  const intact = evaluateBatches(model, batches, null, blockSize);
  const lesioned = new Float64Array(S);
  const predictionChange = new Float64Array(S);
  for (let k = 0; k < S; k++) {
    const cut = evaluateBatches(model, batches, lesionMask(model, [k]), blockSize);
    lesioned[k] = cut.loss;
    predictionChange[k] = changedFraction(intact.top1, cut.top1);
  }
  return {
    intact: intact.loss,
    lesioned,
    increase: lesioned.map((v) => v - intact.loss),
    predictionChange,
  };
}
