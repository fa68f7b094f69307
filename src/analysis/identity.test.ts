import { describe, expect, it } from 'vitest';
import { Model } from '../engine/model';
import { traceSequence } from '../engine/trace';
import { identityMeasure } from './identity';
import { syntheticTrace } from './syntheticTrace';

describe('identityMeasure', () => {
  it('gives ‖f‖/‖x‖ per token, and 0 for a sublayer that writes nothing', () => {
    // x_0 = (3, 4) and (1, 0); f_0 = (0.3, 0.4) and (0, 2): ratios 0.1 and 2, mean 1.05.
    const tr = syntheticTrace(
      2,
      2,
      [
        [0.3, 0.4, 0, 2],
        [0, 0, 0, 0],
      ],
      [3, 4, 1, 0],
    );
    const m = identityMeasure(tr);
    expect(m.contributionRatio[0]).toBeCloseTo(1.05, 6);
    expect(m.contributionRatio[1]).toBe(0);
    expect(m.contributionNorm[0]).toBeCloseTo(1.25, 6);
    expect(m.streamNorm[0]).toBeCloseTo(3, 6);
    expect(Array.from(m.streamNormByPosition.subarray(0, 2))).toEqual([5, 1]);
  });

  it('a lesioned sublayer of a real model is exactly the identity: ratio 0, norm unchanged', () => {
    const model = new Model({ vocabSize: 11, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8 });
    const tr = traceSequence(model, [1, 2, 3, 4], { lesions: [0, 1, 0, 0] });
    const m = identityMeasure(tr);
    expect(m.contributionRatio[1]).toBe(0);
    expect(m.contributionRatio[0]).toBeGreaterThan(0);
    expect(m.streamNorm[2]).toBe(m.streamNorm[1]);
    expect(m.streamNormByPosition).toHaveLength(5 * 4);
  });

  it('averages positions over sequences', () => {
    const a = syntheticTrace(1, 1, [[0], [0]], [2]);
    const b = syntheticTrace(1, 1, [[0], [0]], [4]);
    expect(identityMeasure([a, b]).streamNormByPosition[0]).toBe(3);
  });
});
