import { describe, expect, it } from 'vitest';
import { AdamW, learningRate, DEFAULT_ADAMW } from './adamw';
import { Model } from './model';

const cfg = { vocabSize: 5, dModel: 4, nHeads: 1, nLayers: 1, contextLength: 4, mlpHidden: 4 };

describe('learningRate', () => {
  it('ramps linearly during warm-up, then decays by cosine to the floor', () => {
    const o = { ...DEFAULT_ADAMW, lr: 1, warmupSteps: 10, totalSteps: 110, minLrRatio: 0.1 };
    expect(learningRate(o, 5)).toBeCloseTo(0.5, 12);
    expect(learningRate(o, 10)).toBeCloseTo(1, 12);
    expect(learningRate(o, 60)).toBeCloseTo(0.55, 12); // halfway: mean of 1 and 0.1
    expect(learningRate(o, 110)).toBeCloseTo(0.1, 12);
    expect(learningRate(o, 500)).toBeCloseTo(0.1, 12);
    expect(learningRate({ ...o, totalSteps: Infinity }, 500)).toBe(1);
  });
});

describe('AdamW', () => {
  it('first step moves each parameter by lr·sign(g) (bias-corrected Adam), decays only matrices', () => {
    const model = new Model(cfg, { precision: 'f64' });
    const before = Float64Array.from(model.params.data);
    const g = model.grads.data;
    for (let i = 0; i < g.length; i++) g[i] = i % 3 === 0 ? 0.01 : -0.02;
    const lr = 0.1;
    const wd = 0.5;
    const opt = new AdamW(model, {
      lr,
      warmupSteps: 0,
      weightDecay: wd,
      clipNorm: Infinity,
      eps: 0,
    });
    const report = opt.step();
    expect(report.step).toBe(1);
    for (const s of model.params.specs) {
      for (let j = 0; j < s.size; j++) {
        const i = s.offset + j;
        const decayed = s.decay ? before[i] * (1 - lr * wd) : before[i];
        expect(model.params.data[i]).toBeCloseTo(decayed - lr * Math.sign(g[i]), 12);
      }
    }
  });

  it('reports the gradient norm before clipping and clips to clipNorm', () => {
    const model = new Model(cfg, { precision: 'f64' });
    const g = model.grads.data;
    g.fill(0);
    g[0] = 3;
    g[1] = 4;
    const opt = new AdamW(model, { clipNorm: 1 });
    const report = opt.step();
    expect(report.gradNorm).toBeCloseTo(5, 12);
    expect(report.clipped).toBe(true);
  });

  it('refuses a learning rate that is not a finite non-negative number', () => {
    const model = new Model(cfg);
    expect(() => new AdamW(model, { lr: NaN })).toThrow(/learning rate/);
    expect(() => new AdamW(model, { lr: -1 })).toThrow(/learning rate/);
  });
});
