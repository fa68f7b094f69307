import { describe, expect, it } from 'vitest';
import { validationBatches } from '../data/batches';
import { vocabSize } from '../data/tokenizer';
import type { ModelConfig } from '../engine/config';
import { Model } from '../engine/model';
import { summarizeTrace, traceSequence } from '../engine/trace';
import { gradientProfile, parameterGradientNorms, streamGradientNorms } from './gradientFlow';

const cfg: Partial<ModelConfig> = {
  vocabSize,
  dModel: 16,
  nHeads: 2,
  nLayers: 3,
  contextLength: 8,
};
const batches = validationBatches({ seed: 2, batchSize: 2, blockSize: 8 }, 2);

/** Zero every output projection, so each sublayer's f is identically 0. */
function silence(model: Model): Model {
  for (const s of model.params.specs) {
    if (s.name.includes('.c_proj.')) model.params.get(s.name).fill(0);
  }
  return model;
}

describe('streamGradientNorms', () => {
  it('is the Frobenius norm of ∂L/∂x_k, as the trace summary has it', () => {
    const model = new Model(cfg);
    const tr = traceSequence(model, [3, 1, 4, 1, 5], { withGradients: true });
    const norms = streamGradientNorms(tr);
    const expected = summarizeTrace(tr).streamGradNorms!;
    expect(norms).toHaveLength(7);
    norms.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6));
  });

  it('asks for gradients when the trace has none', () => {
    const model = new Model(cfg);
    expect(() => streamGradientNorms(traceSequence(model, [1, 2]))).toThrow(/withGradients/);
  });
});

describe('parameterGradientNorms', () => {
  it.each(['pre', 'post', 'none'] as const)(
    '%s-LN: the groups partition every parameter gradient',
    (norm) => {
      const model = new Model({ ...cfg, norm });
      traceSequence(model, [3, 1, 4, 1, 5], { withGradients: true });
      const g = parameterGradientNorms(model);
      expect(g.sublayer).toHaveLength(6);
      expect(g.layer).toHaveLength(3);
      let sq = g.embedding ** 2 + g.finalNorm ** 2;
      for (const v of g.sublayer) sq += v * v;
      expect(Math.sqrt(sq)).toBeCloseTo(model.gradNorm(), 6);
      for (let l = 0; l < 3; l++) {
        expect(g.layer[l]).toBeCloseTo(Math.hypot(g.sublayer[2 * l], g.sublayer[2 * l + 1]), 9);
      }
    },
  );
});

describe('gradientProfile', () => {
  it('with skips and every f ≡ 0, the gradient reaches the bottom unchanged: ratio 1', () => {
    const model = silence(new Model({ ...cfg, norm: 'none', skipStrength: 1 }));
    const p = gradientProfile(model, batches);
    expect(p.streamGradNorm).toHaveLength(7);
    for (const v of p.streamGradNorm) expect(v).toBeCloseTo(p.streamGradNorm[6], 9);
    expect(p.firstOverLast).toBeCloseTo(1, 9);
    expect(p.loss).toBeGreaterThan(0);
  });

  it('without skips and every f ≡ 0, nothing reaches the bottom: ratio 0', () => {
    const model = silence(new Model({ ...cfg, norm: 'none', skipStrength: 0 }));
    expect(gradientProfile(model, batches).firstOverLast).toBe(0);
  });

  it('is a measurement only: the weights do not change', () => {
    const model = new Model(cfg);
    const before = Float32Array.from(model.params.data);
    gradientProfile(model, batches);
    expect(model.params.data.every((v, i) => v === before[i])).toBe(true);
  });
});
