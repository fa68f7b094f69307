import { describe, expect, it } from 'vitest';
import { validationBatches } from '../data/batches';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { evaluateBatches } from './evaluate';

const cfg = { vocabSize, dModel: 16, nHeads: 2, nLayers: 2, contextLength: 8, seed: 5 };
const batches = validationBatches({ seed: 3, batchSize: 2, blockSize: 8 }, 2);

describe('evaluateBatches', () => {
  it('gives the mean loss and the top prediction at every position', () => {
    const model = new Model(cfg);
    const { loss, top1 } = evaluateBatches(model, batches);
    const ws = model.workspace(2, 8);
    const losses = batches.map((b) => model.forward(ws, b.tokens, b.targets));
    expect(loss).toBeCloseTo((losses[0] + losses[1]) / 2, 12);
    expect(top1).toHaveLength(2 * 2 * 8);
    // The last batch is still in the workspace: its row 0 argmax is top1's entry 16.
    const V = vocabSize;
    const row = Array.from(ws.logits.subarray(0, V));
    expect(top1[16]).toBe(row.indexOf(Math.max(...row)));
  });

  it('checks the batch shape against the model', () => {
    const model = new Model(cfg);
    expect(() => evaluateBatches(model, [])).toThrow(/at least one/);
    const odd = { tokens: new Int32Array(7), targets: new Int32Array(7) };
    expect(() => evaluateBatches(model, [odd])).toThrow(/T=8/);
    const short = { tokens: new Int32Array(8), targets: new Int32Array(8) };
    expect(() => evaluateBatches(model, [batches[0], short])).toThrow(/every batch/);
  });
});
