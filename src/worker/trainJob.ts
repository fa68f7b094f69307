import { parameterGradientNorms } from '../analysis/gradientFlow';
import { vocabSize } from '../data/tokenizer';
import { serializeModel } from '../engine/modelFileCore';
import { DivergenceError, Trainer } from '../training/trainer';
import type { Response, TrainRun } from './protocol';

/** How long one slice of training runs before the worker looks at its messages again. */
const SLICE_MS = 40;
const VALID_EVERY = 100;

/**
 * One lab training run, in slices: between slices the worker handles pause, resume and export,
 * and every slice posts its steps, so the page sees live progress and never waits.
 */
export class TrainSession {
  readonly trainer: Trainer;
  private paused = false;
  private finished = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: number,
    readonly run: TrainRun,
    private readonly post: (r: Response) => void,
  ) {
    const heads = [4, 2, 1].find((h) => run.dModel % h === 0)!;
    this.trainer = new Trainer({
      model: {
        vocabSize,
        dModel: run.dModel,
        nHeads: heads,
        nLayers: run.nLayers,
        contextLength: run.contextLength ?? 32,
        norm: run.norm,
        skipStrength: run.skipStrength,
        init: run.init,
        seed: run.seed,
      },
      optimizer: {
        lr: run.lr,
        warmupSteps: Math.min(50, Math.ceil(run.steps / 10)),
        totalSteps: run.steps,
      },
      dataSeed: run.seed,
      batchSize: run.batchSize ?? 8,
      trainSentences: 5000,
      validBatches: 4,
    });
  }

  get step(): number {
    return this.trainer.optimizer.t;
  }

  start(): void {
    this.schedule();
  }

  pause(): void {
    this.paused = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.post({
      type: 'trainStopped',
      id: this.id,
      reason: 'paused',
      message: `Paused at step ${this.step}`,
      step: this.step,
    });
  }

  resume(): void {
    if (!this.paused || this.finished) return;
    this.paused = false;
    this.schedule();
  }

  exportWeights(): Uint8Array {
    return serializeModel(this.trainer.model, { steps: String(this.step), source: 'lab' });
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  private slice(): void {
    this.timer = null;
    if (this.paused || this.finished) return;
    const started = performance.now();
    const steps: number[] = [];
    const losses: number[] = [];
    const gradNorms: number[] = [];
    let validLoss: number | null = null;
    let stop: Response | null = null;
    try {
      while (this.step < this.run.steps && performance.now() - started < SLICE_MS) {
        const r = this.trainer.step();
        steps.push(r.step);
        losses.push(r.loss);
        gradNorms.push(r.gradNorm);
        if (r.step % VALID_EVERY === 0 || r.step === this.run.steps)
          validLoss = this.trainer.validationLoss();
      }
      if (this.step >= this.run.steps) {
        stop = {
          type: 'trainStopped',
          id: this.id,
          reason: 'done',
          message: `Finished ${this.step} steps`,
          step: this.step,
        };
      }
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      stop = {
        type: 'trainStopped',
        id: this.id,
        reason: 'diverged',
        message: `Training diverged: ${e.message}. The weights were left as they were before that step; try a smaller learning rate.`,
        step: this.step,
      };
    }
    const seconds = (performance.now() - started) / 1000;
    if (steps.length > 0) {
      this.post({
        type: 'trainProgress',
        id: this.id,
        steps: Int32Array.from(steps),
        losses: Float32Array.from(losses),
        gradNorms: Float32Array.from(gradNorms),
        layerGradNorms: Float32Array.from(parameterGradientNorms(this.trainer.model).layer),
        stepsPerSecond: steps.length / Math.max(seconds, 1e-6),
        validLoss,
        totalSteps: this.run.steps,
      });
    }
    if (stop) {
      this.finished = true;
      this.post(stop);
      return;
    }
    this.schedule();
  }
}
