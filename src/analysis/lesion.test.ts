import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { validationBatches } from '../data/batches';
import { gpt2Tokenizer } from '../data/gpt2Tokenizer';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import { evaluateBatches } from './evaluate';
import { measuringWindows, windowBatches } from './textBatches';
import { lesionLoss, lesionSweep, lesionSweepSteps } from './lesion';

const cfg = { vocabSize, dModel: 16, nHeads: 2, nLayers: 2, contextLength: 8, seed: 5 };
const batches = validationBatches({ seed: 3, batchSize: 2, blockSize: 8 }, 2);

describe('lesionSweep', () => {
  it('removes each sublayer in turn, against the intact loss', () => {
    const model = new Model(cfg);
    const sweep = lesionSweep(model, batches);
    expect(sweep.intact).toBeCloseTo(evaluateBatches(model, batches).loss, 12);
    expect(sweep.lesioned).toHaveLength(4);
    for (let k = 0; k < 4; k++) {
      const one = lesionLoss(model, batches, [k]);
      expect(sweep.lesioned[k]).toBe(one.loss);
      expect(sweep.predictionChange[k]).toBe(one.predictionChange);
      expect(sweep.increase[k]).toBeCloseTo(one.loss - sweep.intact, 12);
    }
  });

  it('removing a sublayer that writes nothing changes nothing (with skips it is the identity)', () => {
    const model = new Model({ ...cfg, norm: 'none', skipStrength: 1 });
    model.params.get('transformer.h.1.mlp.c_proj.weight').fill(0);
    model.params.get('transformer.h.1.mlp.c_proj.bias').fill(0);
    const sweep = lesionSweep(model, batches);
    expect(sweep.increase[3]).toBe(0);
    expect(sweep.predictionChange[3]).toBe(0);
    expect(sweep.predictionChange[0]).toBeGreaterThanOrEqual(0);
  });

  it('removes several at once, and names a bad index', () => {
    const model = new Model(cfg);
    const all = lesionLoss(model, batches, [0, 1, 2, 3]);
    expect(Number.isFinite(all.loss)).toBe(true);
    expect(() => lesionLoss(model, batches, [4])).toThrow(/0 to 3/);
  });
});

describe('lesionSweep on the GPT-2 fixture, from the intact stream at each lesion', () => {
  const dir = 'fixtures/gpt2/tiny-f32';
  const configJson: unknown = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
  const model = deserializeModel(readFileSync(`${dir}/model.safetensors`), { configJson }).model;
  const { batches, blockSize } = windowBatches(measuringWindows(model, gpt2Tokenizer));

  it('gives the losses and changed predictions of a whole pass with the lesion, per sublayer', () => {
    expect(model.inference).toBe(true);
    const sweep = lesionSweep(model, batches, blockSize);
    expect(sweep.lesioned).toHaveLength(4);
    expect(sweep.intact).toBeCloseTo(evaluateBatches(model, batches, null, blockSize).loss, 5);
    for (let k = 0; k < 4; k++) {
      const direct = lesionLoss(model, batches, [k], blockSize);
      expect(sweep.lesioned[k], `sublayer ${k}`).toBeCloseTo(direct.loss, 5);
      expect(sweep.predictionChange[k], `sublayer ${k}`).toBe(direct.predictionChange);
    }
  });

  it('gives the same numbers when traces of other lengths run between its steps', () => {
    // An inference model keeps one workspace: each trace here replaces the sweep's.
    const alone = lesionSweep(model, batches, blockSize);
    const steps = lesionSweepSteps(model, batches, blockSize);
    let r = steps.next();
    for (let n = 3; !r.done; n++) {
      traceSequence(
        model,
        Int32Array.from({ length: n }, (_, i) => 100 + i),
      );
      r = steps.next();
    }
    expect(r.value.intact).toBe(alone.intact);
    expect(Array.from(r.value.lesioned)).toEqual(Array.from(alone.lesioned));
    expect(Array.from(r.value.predictionChange)).toEqual(Array.from(alone.predictionChange));
  });

  it('starts the pass without sublayer k at point k, one pass over the text per step', () => {
    const forward = vi.spyOn(model, 'forward');
    const progress: string[] = [];
    const steps = lesionSweepSteps(model, batches, blockSize);
    for (let r = steps.next(); !r.done; r = steps.next())
      progress.push(`${r.value.done}/${r.value.total}`);
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    const starts = forward.mock.calls.map(([, , , opts]) => opts?.from?.point ?? 0);
    // One batch: the intact pass from the embedding, then each lesioned one from its sublayer.
    expect(batches).toHaveLength(1);
    expect(starts).toEqual([0, 0, 1, 2, 3]);
    forward.mockRestore();
  });
});
