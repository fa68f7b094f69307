import { type Batch, BatchSampler, createBatch, validationBatches } from '../data/batches';
import { vocabSize } from '../data/tokenizer';
import { AdamW, type AdamWOptions } from '../engine/adamw';
import type { ModelConfig } from '../engine/config';
import { Model } from '../engine/model';
import type { Workspace } from '../engine/workspace';

/**
 * The training loop shared by `npm run train` and the lab's workers: sample a batch, forward,
 * backward, AdamW. The model and the data have separate seeds so two models (skips on and off)
 * can see exactly the same batches in the same order.
 */
export interface TrainerOptions {
  model: Partial<ModelConfig>;
  optimizer?: Partial<AdamWOptions>;
  dataSeed: number;
  batchSize: number;
  /** Sentences in the training stream (default: the data module's). */
  trainSentences?: number;
  validBatches?: number;
}

export interface TrainStep {
  step: number;
  loss: number;
  gradNorm: number;
  lr: number;
  clipped: boolean;
}

export class DivergenceError extends Error {
  override name = 'DivergenceError';
}

export class Trainer {
  readonly model: Model;
  readonly optimizer: AdamW;
  private readonly sampler: BatchSampler;
  private readonly batch: Batch;
  private readonly ws: Workspace;
  private readonly valid: Batch[];

  constructor(opts: TrainerOptions) {
    this.model = new Model({ vocabSize, ...opts.model });
    const T = this.model.config.contextLength;
    this.optimizer = new AdamW(this.model, opts.optimizer);
    this.sampler = new BatchSampler({
      seed: opts.dataSeed,
      split: 'train',
      batchSize: opts.batchSize,
      blockSize: T,
      sentences: opts.trainSentences,
    });
    this.batch = createBatch(opts.batchSize, T);
    this.ws = this.model.workspace(opts.batchSize, T);
    this.valid = validationBatches(
      { seed: opts.dataSeed, batchSize: opts.batchSize, blockSize: T },
      opts.validBatches ?? 8,
    );
  }

  /** One update. Throws DivergenceError (and leaves the weights untouched) on a non-finite loss or gradient. */
  step(): TrainStep {
    this.sampler.fillBatch(this.batch.tokens, this.batch.targets);
    const loss = this.model.forward(this.ws, this.batch.tokens, this.batch.targets);
    if (!Number.isFinite(loss)) {
      throw new DivergenceError(`the loss became ${loss} at step ${this.optimizer.t + 1}`);
    }
    this.model.backward(this.ws);
    const norm = this.model.gradNorm();
    if (!Number.isFinite(norm)) {
      throw new DivergenceError(`the gradient norm became ${norm} at step ${this.optimizer.t + 1}`);
    }
    const r = this.optimizer.step();
    return { step: r.step, loss, gradNorm: r.gradNorm, lr: r.lr, clipped: r.clipped };
  }

  /** Mean loss over the fixed validation batches (the same windows every call). */
  validationLoss(): number {
    let sum = 0;
    for (const b of this.valid) sum += this.model.forward(this.ws, b.tokens, b.targets);
    return sum / this.valid.length;
  }
}
