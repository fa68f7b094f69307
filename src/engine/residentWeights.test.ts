import { afterEach, describe, expect, it } from 'vitest';
import { f32KernelsFor } from './kernels/select';
import { Model } from './model';
import { matmulAB } from './ops';
import { holdWeightsInKernels, releaseHeldWeights, scratchReserveBytes } from './residentWeights';
import { traceSequence } from './trace';

// Widths that are multiples of 4 (the products read the weights in place) and GPT-2's head size.
const cfg = { vocabSize: 50, dModel: 128, nHeads: 2, nLayers: 2, contextLength: 8, seed: 5 };
const tokens = [3, 1, 4, 1, 5, 9, 2, 6];

const logits = (m: Model): Float32Array => traceSequence(m, tokens).logits;
const kernels = () => f32KernelsFor(new Float32Array(0))!;

afterEach(releaseHeldWeights);

describe('weights held in the kernels’ memory', () => {
  it('move there once and change no result: stream, logits, stream gradients', () => {
    const model = new Model(cfg, { inference: true });
    const before = traceSequence(model, tokens, { withGradients: true });
    const values = Float32Array.from(model.params.data);
    const bytes = holdWeightsInKernels(model);
    expect(bytes).toBeGreaterThanOrEqual(4 * values.length);
    // the model's parameters are a view of the kernels' whole memory now
    expect(model.params.data.buffer.byteLength).toBe(kernels().memoryBytes());
    expect(model.params.data).toEqual(values);
    expect(holdWeightsInKernels(model)).toBe(bytes); // a second call moves nothing
    const after = traceSequence(model, tokens, { withGradients: true });
    expect(after.logits).toEqual(before.logits);
    after.stream.forEach((x, k) => expect(x).toEqual(before.stream[k]));
    after.streamGrad!.forEach((g, k) => expect(g).toEqual(before.streamGrad![k]));
  });

  it('have no stale copy: a write to the model’s weights is what the next trace uses', () => {
    const model = new Model(cfg, { inference: true });
    const twin = new Model(cfg, { inference: true }); // the same seed: the same weights
    holdWeightsInKernels(model);
    for (const m of [model, twin]) m.params.get('transformer.h.0.mlp.c_fc.weight').fill(0.01);
    expect(logits(model)).toEqual(logits(twin));
  });

  it('belong to one model at a time: holding another moves the first back, values intact', () => {
    const a = new Model(cfg, { inference: true });
    const b = new Model({ ...cfg, seed: 6 }, { inference: true });
    holdWeightsInKernels(a);
    const aLogits = logits(a);
    holdWeightsInKernels(b);
    expect(a.params.data.buffer.byteLength).toBe(4 * a.params.data.length);
    expect(logits(a)).toEqual(aLogits);
    expect(b.params.data.buffer.byteLength).toBe(kernels().memoryBytes());
  });

  it('keep the memory from growing: an op past the scratch reserve throws, and works after release', () => {
    const model = new Model(cfg, { inference: true });
    holdWeightsInKernels(model);
    const M = Math.ceil(scratchReserveBytes(model) / 4 / 1000) + 10;
    const [out, a, b] = [new Float32Array(M * 1000), new Float32Array(M), new Float32Array(1000)];
    expect(() => matmulAB(out, a, b, M, 1, 1000)).toThrow(/more than is kept beside/);
    releaseHeldWeights();
    expect(() => matmulAB(out, a, b, M, 1, 1000)).not.toThrow();
  });

  it('are held only for an inference model, and only where the kernels serve it', () => {
    expect(() => holdWeightsInKernels(new Model(cfg))).toThrow(/inference/);
    expect(holdWeightsInKernels(new Model(cfg, { precision: 'f64', inference: true }))).toBe(0);
  });
});
