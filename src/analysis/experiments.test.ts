import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { EXPERIMENT_NAMES, isExperimentName, runExperiment, traceWindows } from './experiments';

const model = new Model({ vocabSize, dModel: 16, nHeads: 2, nLayers: 2, contextLength: 8 });
const data = { seed: 1, sequences: 2, batches: 1 };

describe('runExperiment', () => {
  it('knows its names', () => {
    expect(isExperimentName('lesion')).toBe(true);
    expect(isExperimentName('lesions')).toBe(false);
  });

  it.each(EXPERIMENT_NAMES)('%s runs and reports per-layer arrays', (name) => {
    const r = runExperiment(name, model, data);
    expect(r.name).toBe(name);
    if (r.name === 'rank-collapse') expect(r.rankCollapse.relativeResidual).toHaveLength(5);
    if (r.name === 'gradient-flow') expect(r.gradients.streamGradNorm).toHaveLength(5);
    if (r.name === 'lesion') {
      expect(r.lesion.lesioned).toHaveLength(4);
      expect(r.identity.contributionRatio).toHaveLength(4);
    }
    if (r.name === 'orthogonality') expect(r.orthogonality.cosine).toHaveLength(16);
    if (r.name === 'logit-lens') {
      expect(r.summary.nextProb).toHaveLength(5);
      expect(r.firstTokens).toHaveLength(8);
    }
  });

  it('measures on given windows instead of the grammar’s when a model reads its own text', () => {
    const windows = [Int32Array.of(3, 5, 7, 9, 11), Int32Array.of(2, 4, 6, 8, 10)];
    const lens = runExperiment('logit-lens', model, { seed: 1, windows });
    if (lens.name !== 'logit-lens') throw new Error(lens.name);
    expect(Array.from(lens.firstTokens)).toEqual([3, 5, 7, 9, 11]);
    // The intact loss is the windows' own next-token loss (both windows in one batch of 2 rows).
    const lesion = runExperiment('lesion', model, { seed: 1, windows });
    if (lesion.name !== 'lesion') throw new Error(lesion.name);
    const own = windows.map((w) => traceSequence(model, w).loss);
    expect(lesion.lesion.intact).toBeCloseTo((own[0] + own[1]) / 2, 5);
    expect(lesion.identity.contributionRatio).toHaveLength(4);
  });

  it('traces the same windows for the same seed', () => {
    const [a] = traceWindows(model, 4, 1);
    const [b] = traceWindows(model, 4, 1);
    expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
  });
});
