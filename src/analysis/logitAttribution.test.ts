import { describe, expect, it } from 'vitest';
import { encode, vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { logitAttribution, meanEmbedding, traceLogitAttribution } from './logitAttribution';

const tokens = encode('the dogs that the cat sees run .').ids;
const shape = { vocabSize, dModel: 16, nHeads: 2, nLayers: 3, contextLength: 16, seed: 4 };

const sum = (a: ReturnType<typeof logitAttribution>) =>
  a.embedding + a.sublayer.reduce((s, v) => s + v, 0) + a.finalBias;

describe('logitAttribution', () => {
  it('the shares add up to the full logit gap, with skips, half skips and none, pre-LN and no LN', () => {
    for (const norm of ['pre', 'none'] as const) {
      for (const skipStrength of [1, 0.5, 0]) {
        // Xavier's init so every sublayer writes something of a size to see.
        const model = new Model({ ...shape, norm, skipStrength, init: 'xavier' });
        for (const position of [0, 3, 7]) {
          const a = logitAttribution(model, tokens, position);
          expect(a.sublayer).toHaveLength(6);
          expect(Math.abs(sum(a) - a.total)).toBeLessThan(1e-4 * (1 + Math.abs(a.total)));
        }
      }
    }
  });

  it('splits the predicted word unless told which, and the told one on request', () => {
    const model = new Model({ ...shape, init: 'xavier' });
    const predicted = logitAttribution(model, tokens, 2);
    const ws = model.workspace(1, tokens.length);
    model.forward(ws, tokens);
    const row = ws.logits.subarray(2 * vocabSize, 3 * vocabSize);
    expect(row[predicted.target]).toBe(Math.max(...row));
    const told = logitAttribution(model, tokens, 2, 5);
    expect(told.target).toBe(5);
    expect(told.total).toBeLessThanOrEqual(predicted.total);
  });

  it('without skips, only the last sublayer reaches the output directly', () => {
    const a = logitAttribution(new Model({ ...shape, skipStrength: 0 }), tokens, 4);
    for (const v of [a.embedding, ...a.sublayer.slice(0, 5)]) expect(Math.abs(v)).toBe(0);
    expect(Math.abs(a.sublayer[5] + a.finalBias - a.total)).toBeLessThan(1e-4);
  });

  it('reads the same split from a trace, and follows the α and lesions the trace ran with', () => {
    const model = new Model({ ...shape, init: 'xavier' });
    const trace = traceSequence(model, tokens);
    const direct = logitAttribution(model, tokens, 5);
    const traced = traceLogitAttribution(model, trace, 5, 1);
    expect(traced.target).toBe(direct.target);
    expect(traced.total).toBeCloseTo(direct.total, 4);
    traced.sublayer.forEach((v, k) => expect(v).toBeCloseTo(direct.sublayer[k], 4));
    expect(traced.embedding).toBeCloseTo(direct.embedding, 4);
    // The mean row computed once for every position gives the same split.
    expect(traceLogitAttribution(model, trace, 5, 1, meanEmbedding(model))).toEqual(traced);

    // Skips removed at inference: only the last sublayer writes straight to the output.
    const plain = traceLogitAttribution(
      model,
      traceSequence(model, tokens, { skipStrength: 0 }),
      5,
      0,
    );
    expect(Math.abs(plain.embedding)).toBe(0);
    expect(Math.abs(sum(plain) - plain.total)).toBeLessThan(1e-4 * (1 + Math.abs(plain.total)));
    const lesions = [0, 1, 0, 0, 0, 0];
    const lesioned = traceLogitAttribution(model, traceSequence(model, tokens, { lesions }), 5, 1);
    expect(lesioned.sublayer[1]).toBe(0);
    expect(Math.abs(sum(lesioned) - lesioned.total)).toBeLessThan(
      1e-4 * (1 + Math.abs(lesioned.total)),
    );
  });

  it('refuses post-LN and positions outside the text', () => {
    expect(() => logitAttribution(new Model({ ...shape, norm: 'post' }), tokens, 0)).toThrow(
      /post-LN/,
    );
    expect(() => logitAttribution(new Model(shape), tokens, 8)).toThrow(/position/);
  });

  it('keeps the mean row of an inference model, and recomputes a trained one’s as it changes', () => {
    const traced = new Model({ ...shape, seed: 3 }, { inference: true });
    const first = meanEmbedding(traced);
    expect(meanEmbedding(traced)).toBe(first);
    expect(Array.from(first)).toEqual(Array.from(meanEmbedding(new Model({ ...shape, seed: 3 }))));

    const trained = new Model({ ...shape, seed: 3 });
    const before = meanEmbedding(trained)[0];
    trained.params.get('transformer.wte.weight')[0] += shape.vocabSize;
    expect(meanEmbedding(trained)[0]).toBeCloseTo(before + 1, 5);
  });
});
