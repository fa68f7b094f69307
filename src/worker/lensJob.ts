import { LENS_TOP_K } from '../analysis/lensOutput';
import { lensAtPosition } from '../analysis/logitLens';
import type { Model } from '../engine/model';
import type { Trace } from '../engine/trace';
import type { LensAt, LensRequest } from './protocol';

/** A finished trace the worker keeps so the page can ask for its lens, one position at a time. */
export interface KeptTrace {
  /** The id of the trace request it answered. */
  id: number;
  model: Model;
  trace: Trace;
}

/**
 * One position's logit lens at every residual point, from a kept trace: GPT-2's lens at all
 * 25 points of one word (lensAtPosition, on the kernels), instead of every word of the trace.
 */
export function runLens(kept: readonly KeptTrace[], req: LensRequest): LensAt {
  const found = kept.find((k) => k.id === req.trace);
  if (!found) {
    throw new Error('That trace has been replaced by a newer one; its lens is no longer kept');
  }
  const lens = lensAtPosition(found.model, found.trace, req.position, LENS_TOP_K);
  return {
    type: 'lensAt',
    id: req.id,
    trace: req.trace,
    position: req.position,
    topIds: lens.topIds,
    topProbs: lens.topProbs,
    nextRank: lens.nextRank,
    inputRank: lens.inputRank,
  };
}
