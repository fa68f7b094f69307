import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { DivergenceError, Trainer } from './trainer';

const small = { vocabSize, dModel: 16, nHeads: 2, nLayers: 2, contextLength: 8 };

describe('Trainer', () => {
  it('a short run lowers the training and the validation loss', () => {
    const t = new Trainer({
      model: small,
      optimizer: { lr: 1e-2, warmupSteps: 5 },
      dataSeed: 2,
      batchSize: 8,
      trainSentences: 500,
      validBatches: 2,
    });
    const validBefore = t.validationLoss();
    const losses = Array.from({ length: 60 }, () => t.step().loss);
    const first = losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    const last = losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(last).toBeLessThan(first - 0.5);
    expect(t.validationLoss()).toBeLessThan(validBefore - 0.5);
  });

  it('two trainers with the same seeds take identical steps', () => {
    const make = () =>
      new Trainer({
        model: small,
        dataSeed: 3,
        batchSize: 4,
        trainSentences: 200,
        validBatches: 1,
      });
    const a = make();
    const b = make();
    for (let i = 0; i < 5; i++) expect(a.step()).toEqual(b.step());
    expect(
      Buffer.from(a.model.params.data.buffer).equals(Buffer.from(b.model.params.data.buffer)),
    ).toBe(true);
  });

  it('stops with a DivergenceError when the loss or the gradient stops being finite', () => {
    const t = new Trainer({
      model: { ...small, norm: 'none' },
      optimizer: { lr: 1e9, warmupSteps: 0 },
      dataSeed: 1,
      batchSize: 4,
      trainSentences: 200,
      validBatches: 1,
    });
    let error: unknown = null;
    for (let i = 0; i < 50 && !error; i++) {
      try {
        t.step();
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(DivergenceError);
  });
});
