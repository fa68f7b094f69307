/**
 * Running a model over fixed batches of (tokens, targets), as the data module makes them, with
 * the batch shape checked once: B rows of T tokens, T the model's context length unless given.
 */
import type { Batch } from '../data/batches';
import type { Model } from '../engine/model';
import type { Workspace } from '../engine/workspace';

export function batchWorkspace(
  model: Model,
  batches: readonly Batch[],
  blockSize?: number,
): Workspace {
  if (batches.length === 0) throw new Error('need at least one batch');
  const T = blockSize ?? model.config.contextLength;
  const n = batches[0].tokens.length;
  if (n % T !== 0)
    throw new Error(`a batch of ${n} tokens is not a whole number of rows of T=${T}`);
  for (const b of batches) {
    if (b.tokens.length !== n || b.targets.length !== n) {
      throw new Error(`every batch needs ${n} tokens and ${n} targets`);
    }
  }
  return model.workspace(n / T, T);
}

export interface BatchEvaluation {
  /** Mean loss over the batches. */
  loss: number;
  /** (batches · B · T): the most likely next token at every position, batch after batch. */
  top1: Int32Array;
}

/**
 * Mean loss over the batches, and the model's top prediction at every position, with the
 * sublayers in `lesions` removed (the stream passes them unchanged), or intact when null.
 */
export function evaluateBatches(
  model: Model,
  batches: readonly Batch[],
  lesions: ArrayLike<number | boolean> | null = null,
  blockSize?: number,
): BatchEvaluation {
  const ws = batchWorkspace(model, batches, blockSize);
  const top1 = new Int32Array(batches.length * ws.N);
  let sum = 0;
  batches.forEach((b, i) => {
    sum += model.forward(ws, b.tokens, b.targets, { lesions });
    topPredictions(ws, model.config.vocabSize, top1, i * ws.N);
  });
  return { loss: sum / batches.length, top1 };
}

/** Writes the most likely next token at each of the workspace's N rows, from its last forward, to out[offset…]. */
export function topPredictions(ws: Workspace, V: number, out: Int32Array, offset: number): void {
  const logits = ws.logits;
  for (let n = 0; n < ws.N; n++) {
    const row = n * V;
    let best = 0;
    let top = logits[row];
    for (let v = 1; v < V; v++) {
      if (logits[row + v] > top) {
        top = logits[row + v];
        best = v;
      }
    }
    out[offset + n] = best;
  }
}
