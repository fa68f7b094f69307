import { AdamW } from '../../src/engine/adamw';
import { Model } from '../../src/engine/model';
import { Rng } from '../../src/engine/rng';
import type { BenchConfig } from './configs';

/** One batch of random tokens and next-token targets, the same for every engine. */
export interface BenchBatch {
  B: number;
  T: number;
  tokens: Int32Array; // (B, T)
  targets: Int32Array; // (B, T)
}

export function benchBatch(cfg: BenchConfig, seed = 7): BenchBatch {
  const T = cfg.model.contextLength!;
  const V = cfg.model.vocabSize!;
  const B = cfg.batch;
  const rng = new Rng(seed);
  const tokens = Int32Array.from({ length: B * T }, () => rng.int(V));
  const targets = Int32Array.from({ length: B * T }, () => rng.int(V));
  return { B, T, tokens, targets };
}

/** Our engine in Float32 with AdamW (clipping and weight decay on, as the lab trains). */
export class OurRunner {
  readonly model: Model;
  private readonly optimizer: AdamW;
  private readonly ws;

  constructor(
    cfg: BenchConfig,
    skipStrength: number,
    private readonly batch: BenchBatch,
  ) {
    this.model = new Model({ ...cfg.model, skipStrength, seed: 1 });
    this.optimizer = new AdamW(this.model, { lr: 1e-3, warmupSteps: 0 });
    this.ws = this.model.workspace(batch.B, batch.T);
  }

  forward(): number {
    return this.model.forward(this.ws, this.batch.tokens, this.batch.targets);
  }

  /** Forward, backward and the optimiser update. */
  trainStep(): number {
    const loss = this.forward();
    this.model.backward(this.ws);
    this.optimizer.step();
    return loss;
  }
}
