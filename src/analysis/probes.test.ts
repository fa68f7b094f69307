import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { streamProbes } from './probes';

const quick = { seed: 1, fitBatches: 4, testBatches: 2, batchSize: 8, agreementSentences: 600 };

describe('streamProbes', () => {
  it('an untrained stream holds its input: word and position readable, agreement near chance', () => {
    const model = new Model({ vocabSize, dModel: 32, nHeads: 4, nLayers: 2, contextLength: 16 });
    const r = streamProbes(model, quick);
    // Measured: word 0.83 (the rest are words never seen in these 512 fitting rows) against a
    // majority of 0.13, position 1, agreement 0.65–0.68 (the word before the verb hints at the
    // subject's number) against 0.53.
    expect(r.word.accuracy).toHaveLength(5);
    for (const k of [0, 4]) {
      expect(r.word.accuracy[k]).toBeGreaterThan(r.word.majority + 0.2);
      expect(r.position.accuracy[k]).toBeGreaterThan(0.9);
      expect(r.agreement.accuracy[k]).toBeLessThan(0.8);
    }
    expect(r.agreement.fitted).toBeGreaterThan(100);
    expect(r.agreement.majority).toBeGreaterThan(0.35);
    expect(r.agreement.majority).toBeLessThan(0.65);
  });

  it('reads the word off an untrained embedding, where it is the embedding row itself', () => {
    // The shipped size: 197 words in 64 dimensions. Least squares onto one-hot targets read 84%
    // here (classes masked); the discriminant reads all but the words never seen in fitting.
    const model = new Model({ vocabSize, dModel: 64, nHeads: 4, nLayers: 4, contextLength: 32 });
    const r = streamProbes(model, { seed: 1 });
    expect(r.word.scored).toBeGreaterThan(1000);
    expect(r.word.accuracy[0]).toBeGreaterThanOrEqual(0.99);
  });

  it('the trained model with skips carries the head noun’s number to the top of the stream', () => {
    const { model } = deserializeModel(readFileSync('public/models/residual.safetensors'));
    const r = streamProbes(model, { ...quick, batchSize: 4 });
    // Measured on the shipped model (full-size probe): 0.46 at x_0, 1.00 from x_3 up.
    const L2 = 2 * model.config.nLayers;
    expect(r.agreement.accuracy[L2]).toBeGreaterThan(0.9);
    expect(r.agreement.accuracy[L2]).toBeGreaterThan(r.agreement.accuracy[0] + 0.3);
  });
});
