import { describe, expect, it } from 'vitest';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { lensLogits, lensSummary, logitLens } from './logitLens';

const cfg = { vocabSize: 17, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, seed: 3 };
const tokens = [3, 1, 4, 1, 5, 9];

describe('logitLens', () => {
  it.each(['pre', 'post', 'none'] as const)(
    '%s-LN: at the last point it is the model’s own output',
    (norm) => {
      const model = new Model({ ...cfg, norm });
      const tr = traceSequence(model, tokens);
      const logits = lensLogits(model, tr.stream[4], tr.T);
      for (let i = 0; i < logits.length; i++) expect(logits[i]).toBeCloseTo(tr.logits[i], 5);
    },
  );

  it('returns the top k ids and probabilities of the softmax, most likely first', () => {
    const model = new Model(cfg);
    const tr = traceSequence(model, tokens);
    const lens = logitLens(model, tr);
    const { T, k } = lens;
    expect(lens.points).toBe(5);
    expect(k).toBe(5);
    expect(lens.topIds).toHaveLength(5 * T * k);
    const V = cfg.vocabSize;
    for (let p = 0; p < lens.points; p++) {
      const logits = lensLogits(model, tr.stream[p], T);
      for (let t = 0; t < T; t++) {
        const row = Array.from(logits.subarray(t * V, (t + 1) * V));
        const max = Math.max(...row);
        const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
        const probs = row.map((v) => Math.exp(v - max) / z);
        const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
        const at = (p * T + t) * k;
        expect(Array.from(lens.topIds.subarray(at, at + k))).toEqual(order.slice(0, k));
        for (let i = 0; i < k; i++) expect(lens.topProbs[at + i]).toBeCloseTo(probs[order[i]], 6);
        const next = tokens[t + 1];
        if (next === undefined) {
          expect(lens.nextProb[p * T + t]).toBeNaN();
          expect(lens.nextRank[p * T + t]).toBe(-1);
        } else {
          expect(lens.nextProb[p * T + t]).toBeCloseTo(probs[next], 6);
          expect(lens.nextRank[p * T + t]).toBe(order.indexOf(next));
        }
        expect(lens.inputRank[p * T + t]).toBe(order.indexOf(tokens[t]));
      }
    }
  });

  it('compares the stream with the token’s own embedding: cos 1 at point 0', () => {
    const model = new Model(cfg);
    const lens = logitLens(model, traceSequence(model, tokens));
    for (let t = 0; t < tokens.length; t++) expect(lens.cosWithEmbedding[t]).toBeCloseTo(1, 6);
    expect(lens.cosWithEmbedding.every((c) => c <= 1 + 1e-6 && c >= -1 - 1e-6)).toBe(true);
  });

  it('caps k at the vocabulary and rejects a trace of another model', () => {
    const model = new Model({ ...cfg, vocabSize: 3 });
    expect(logitLens(model, traceSequence(model, [0, 1, 2])).k).toBe(3);
    const other = new Model({ ...cfg, dModel: 4 });
    expect(() => logitLens(other, traceSequence(model, [0, 1]))).toThrow(/another shape/);
  });
});

describe('lensSummary', () => {
  it('averages each point over positions, the next-token ones over positions that have one', () => {
    const model = new Model(cfg);
    const lens = logitLens(model, traceSequence(model, tokens));
    const s = lensSummary([lens, lens]);
    const T = tokens.length;
    for (let p = 0; p < lens.points; p++) {
      const row = (a: ArrayLike<number>) => Array.from(a).slice(p * T, (p + 1) * T);
      const next = row(lens.nextProb).slice(0, T - 1);
      expect(s.nextProb[p]).toBeCloseTo(next.reduce((a, b) => a + b) / (T - 1), 6);
      const top = row(lens.nextRank).filter((r) => r === 0).length / (T - 1);
      expect(s.nextTop1[p]).toBeCloseTo(top, 12);
      expect(s.inputRank[p]).toBeCloseTo(row(lens.inputRank).reduce((a, b) => a + b) / T, 12);
    }
    expect(s.cosWithEmbedding[0]).toBeCloseTo(1, 6);
  });
});
