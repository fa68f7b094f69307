import { allocFloats, type Floats } from './floats';
import type { Model } from './model';

export interface AdamWOptions {
  lr: number; // peak learning rate
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number; // decoupled, on matrices only (ParamSpec.decay)
  warmupSteps: number; // linear ramp from 0 to lr
  totalSteps: number; // cosine decay to minLrRatio·lr after warm-up; Infinity keeps lr flat
  minLrRatio: number;
  clipNorm: number; // global gradient-norm clip; Infinity disables
}

export const DEFAULT_ADAMW: Readonly<AdamWOptions> = {
  lr: 3e-3,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-8,
  weightDecay: 0.01,
  warmupSteps: 50,
  totalSteps: Infinity,
  minLrRatio: 0.1,
  clipNorm: 1,
};

export interface StepReport {
  step: number; // 1-based count of updates applied
  lr: number;
  gradNorm: number; // before clipping
  clipped: boolean;
}

/** Learning rate at 1-based step t: linear warm-up, then cosine decay to minLrRatio·lr. */
export function learningRate(o: AdamWOptions, t: number): number {
  if (t <= o.warmupSteps) return (o.lr * t) / Math.max(1, o.warmupSteps);
  if (!Number.isFinite(o.totalSteps)) return o.lr;
  const progress = Math.min(1, (t - o.warmupSteps) / Math.max(1, o.totalSteps - o.warmupSteps));
  const min = o.lr * o.minLrRatio;
  return min + 0.5 * (o.lr - min) * (1 + Math.cos(Math.PI * progress));
}

/**
 * AdamW (Loshchilov & Hutter): Adam moments with bias correction, weight decay applied to the
 * weights directly rather than through the gradient. Moments live in flat buffers the size
 * of the parameters; a step allocates nothing.
 */
export class AdamW {
  readonly options: AdamWOptions;
  private readonly m: Floats;
  private readonly v: Floats;
  private readonly decayMask: Uint8Array;
  t = 0;

  constructor(
    private readonly model: Model,
    options: Partial<AdamWOptions> = {},
  ) {
    // Refused before the moments are allocated: for GPT-2 small they would be another 1 GB.
    if (model.inference) throw new Error('an inference model cannot be trained');
    this.options = { ...DEFAULT_ADAMW, ...options };
    const o = this.options;
    if (!(o.lr >= 0) || !Number.isFinite(o.lr))
      throw new Error(`learning rate must be a finite number ≥ 0, got ${o.lr}`);
    if (!(o.clipNorm > 0))
      throw new Error(`clipNorm must be > 0 (Infinity disables clipping), got ${o.clipNorm}`);
    const n = model.params.data.length;
    this.m = allocFloats(model.precision, n);
    this.v = allocFloats(model.precision, n);
    this.decayMask = new Uint8Array(n);
    for (const s of model.params.specs)
      if (s.decay) this.decayMask.fill(1, s.offset, s.offset + s.size);
  }

  /** Applies one update from model.grads (as left by backward). */
  step(): StepReport {
    const o = this.options;
    const p = this.model.params.data;
    const g = this.model.grads.data;
    const m = this.m;
    const v = this.v;
    const gradNorm = this.model.gradNorm();
    const clipped = gradNorm > o.clipNorm;
    const gScale = clipped ? o.clipNorm / gradNorm : 1;
    this.t++;
    const lr = learningRate(o, this.t);
    const bc1 = 1 - Math.pow(o.beta1, this.t);
    const bc2 = 1 - Math.pow(o.beta2, this.t);
    const decay = 1 - lr * o.weightDecay;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] * gScale;
      m[i] = o.beta1 * m[i] + (1 - o.beta1) * gi;
      v[i] = o.beta2 * v[i] + (1 - o.beta2) * gi * gi;
      if (this.decayMask[i]) p[i] *= decay;
      p[i] -= (lr * (m[i] / bc1)) / (Math.sqrt(v[i] / bc2) + o.eps);
    }
    return { step: this.t, lr, gradNorm, clipped };
  }
}
