import { afterEach, describe, expect, it } from 'vitest';
import { Model } from './model';
import { keepWeightsResident, releaseResidentWeights } from './residentWeights';
import { traceSequence } from './trace';

// Widths that are multiples of 4 (the products read the resident copies) and GPT-2's head size.
const cfg = { vocabSize: 50, dModel: 128, nHeads: 2, nLayers: 2, contextLength: 8, seed: 5 };
const tokens = [3, 1, 4, 1, 5, 9, 2, 6];

const logits = (m: Model): Float32Array => traceSequence(m, tokens).logits;

afterEach(releaseResidentWeights);

describe('resident weights', () => {
  it('keep every product-read weight and bias once, and change no result', () => {
    const model = new Model(cfg, { inference: true });
    const before = traceSequence(model, tokens, { withGradients: true });
    const bytes = keepWeightsResident(model);
    const kept = model.params.specs.filter(
      (s) => s.name !== 'transformer.wpe.weight' && !s.name.includes('.ln_'),
    );
    expect(bytes).toBe(kept.reduce((sum, s) => sum + Math.ceil((4 * s.size) / 16) * 16, 0));
    expect(keepWeightsResident(model)).toBe(bytes); // a second call uploads nothing more
    const after = traceSequence(model, tokens, { withGradients: true });
    expect(after.logits).toEqual(before.logits);
    after.stream.forEach((x, k) => expect(x).toEqual(before.stream[k]));
    after.streamGrad!.forEach((g, k) => expect(g).toEqual(before.streamGrad![k]));
  });

  it('are read in place: later writes to the model’s arrays are not copied in until released', () => {
    const model = new Model(cfg, { inference: true });
    const original = logits(model);
    keepWeightsResident(model);
    // (not W_te: the embedding's gather reads it from the model's array)
    for (const name of ['transformer.h.0.mlp.c_fc.weight', 'transformer.h.1.attn.c_attn.weight'])
      model.params.get(name).fill(0.01);
    expect(logits(model)).toEqual(original);
    releaseResidentWeights();
    expect(logits(model)).not.toEqual(original);
  });

  it('belong to one model at a time: making another resident releases the first', () => {
    const a = new Model(cfg, { inference: true });
    const b = new Model({ ...cfg, seed: 6 }, { inference: true });
    keepWeightsResident(a);
    const original = logits(a);
    keepWeightsResident(b);
    a.params.get('transformer.h.0.mlp.c_fc.weight').fill(0.01);
    expect(logits(a)).not.toEqual(original);
  });

  it('are not kept for a Float64 model (the kernels serve Float32 only)', () => {
    expect(keepWeightsResident(new Model(cfg, { precision: 'f64', inference: true }))).toBe(0);
  });
});
