import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { gpt2Tokenizer } from '../data/gpt2Tokenizer';
import { ENGLISH_SAMPLE, TEXT_WINDOWS } from '../data/englishSample';
import {
  EXPERIMENT_NAMES,
  isExperimentName,
  measuringWindows,
  runExperiment,
  traceWindows,
  windowBatches,
} from './experiments';

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

  it('packs windows into as few equal batches as fit 128 rows, each window its tokens against the next', () => {
    const w = (n: number) => Int32Array.from({ length: 33 }, (_, i) => n * 100 + i);
    const four = windowBatches([w(0), w(1), w(2), w(3)]);
    expect(four.blockSize).toBe(32);
    // 4 × 32 = 128 rows fit one batch.
    expect(four.batches).toHaveLength(1);
    expect(Array.from(four.batches[0].tokens.subarray(30, 34))).toEqual([30, 31, 100, 101]);
    expect(Array.from(four.batches[0].targets.subarray(30, 34))).toEqual([31, 32, 101, 102]);
    // 6 windows: 4 would fit, but batches must be equal, so 2 of 3.
    expect(windowBatches([0, 1, 2, 3, 4, 5].map(w)).batches.map((b) => b.tokens.length)).toEqual([
      96, 96,
    ]);
  });

  it('measures a model with its own tokenizer on TEXT_WINDOWS of English, after its start token', () => {
    const gpt2Shape = new Model({
      vocabSize: 50257,
      dModel: 4,
      nHeads: 1,
      nLayers: 1,
      contextLength: 64,
    });
    const windows = measuringWindows(gpt2Shape, gpt2Tokenizer);
    expect(windows).toHaveLength(TEXT_WINDOWS.count);
    expect(windows.every((x) => x.length === TEXT_WINDOWS.length && x[0] === 50256)).toBe(true);
    const body = gpt2Tokenizer.encode(ENGLISH_SAMPLE).ids;
    expect(Array.from(windows[1].subarray(1))).toEqual(Array.from(body.subarray(32, 63)));
    // A shorter context shortens the windows.
    const short = new Model({
      vocabSize: 50257,
      dModel: 4,
      nHeads: 1,
      nLayers: 1,
      contextLength: 16,
    });
    expect(measuringWindows(short, gpt2Tokenizer)[0]).toHaveLength(16);
  });

  it('traces the same windows for the same seed', () => {
    const [a] = traceWindows(model, 4, 1);
    const [b] = traceWindows(model, 4, 1);
    expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
  });
});
