import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activeKernels } from '../engine/kernels/select';
import { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { layerNormForward, matmulABt } from '../engine/ops';
import { traceSequence, type Trace } from '../engine/trace';
import { lensAtPosition, lensLogits, lensSummary, logitLens } from './logitLens';

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

/** The lens's logits as it computed them before it moved to Float32: Float64 TS loops. */
function float64Logits(model: Model, x: Float32Array, R: number): Float64Array {
  const { dModel: C, vocabSize: V } = model.config;
  const p = model.params;
  const f64 = (name: string) => Float64Array.from(p.get(name));
  const normed = new Float64Array(R * C);
  layerNormForward(
    normed,
    new Float64Array(R),
    new Float64Array(R),
    Float64Array.from(x),
    f64('transformer.ln_f.weight'),
    f64('transformer.ln_f.bias'),
    R,
    C,
  );
  const logits = new Float64Array(R * V);
  matmulABt(logits, normed, f64('transformer.wte.weight'), R, C, V);
  return logits;
}

/** Every (point, position) of the Float32 lens against the Float64 reference: same top ids and ranks, probabilities to 1e-5. */
function expectLensMatchesFloat64(model: Model, tr: Trace): void {
  const lens = logitLens(model, tr);
  const { T, k, points } = lens;
  const V = model.config.vocabSize;
  let compared = 0;
  for (let p = 0; p < points; p++) {
    const ref = float64Logits(model, tr.stream[p], T);
    for (let t = 0; t < T; t++) {
      const row = Array.from(ref.subarray(t * V, (t + 1) * V));
      const max = Math.max(...row);
      const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
      const order = row.map((_, i) => i).sort((a, b) => row[b] - row[a]);
      const rank = (id: number) => row.filter((v) => v > row[id]).length;
      const at = p * T + t;
      expect(Array.from(lens.topIds.subarray(at * k, (at + 1) * k))).toEqual(order.slice(0, k));
      for (let i = 0; i < k; i++)
        expect(lens.topProbs[at * k + i]).toBeCloseTo(Math.exp(row[order[i]] - max) / z, 5);
      expect(lens.inputRank[at]).toBe(rank(tr.tokens[t]));
      if (t + 1 < T) expect(lens.nextRank[at]).toBe(rank(tr.tokens[t + 1]));
      compared++;
    }
  }
  expect(compared).toBe(points * T);
}

describe('the logit lens in Float32', () => {
  it('runs on the WebAssembly kernels here and agrees with the Float64 lens on a random model', () => {
    expect(activeKernels()).toBe('wasm-simd');
    const model = new Model({ ...cfg, vocabSize: 64, dModel: 32, nHeads: 4, seed: 11 });
    expectLensMatchesFloat64(model, traceSequence(model, [5, 9, 2, 63, 0, 17, 33, 8]));
  });

  const dir = new URL('../../public/models/', import.meta.url);
  const shipped = ['residual', 'plain'].map((n) => new URL(`${n}.safetensors`, dir));
  it.skipIf(!shipped.every(existsSync))(
    'agrees with the Float64 lens on the shipped models',
    () => {
      for (const file of shipped) {
        const model = deserializeModel(readFileSync(file)).model;
        const V = model.config.vocabSize;
        const tokens = Array.from(
          { length: model.config.contextLength },
          (_, i) => (7 * i + 3) % V,
        );
        expectLensMatchesFloat64(model, traceSequence(model, tokens));
      }
    },
  );

  it('at one position gives that position’s column of the whole lens', () => {
    const model = new Model(cfg);
    const tr = traceSequence(model, tokens);
    const all = logitLens(model, tr);
    const { k, points } = all;
    const T = tokens.length;
    for (const t of [0, 3, T - 1]) {
      const col = lensAtPosition(model, tr, t);
      expect(col.T).toBe(1);
      for (let p = 0; p < points; p++) {
        const at = p * T + t;
        expect(Array.from(col.topIds.subarray(p * k, (p + 1) * k))).toEqual(
          Array.from(all.topIds.subarray(at * k, (at + 1) * k)),
        );
        expect(col.nextRank[p]).toBe(all.nextRank[at]);
        expect(col.cosWithEmbedding[p]).toBe(all.cosWithEmbedding[at]);
      }
    }
    expect(() => lensAtPosition(model, tr, T)).toThrow(/outside the trace/);
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
