import { describe, expect, it } from 'vitest';
import { validationBatches } from '../data/batches';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { evaluateBatches } from './evaluate';
import { lesionLoss, lesionSweep } from './lesion';

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
