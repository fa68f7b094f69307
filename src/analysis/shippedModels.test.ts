/**
 * The expected effects on the models `npm run train` ships (public/models/), when they
 * are there: these numbers are what the lab shows for them. Skipped before training has run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { runExperiment, type ExperimentName, type ExperimentResult } from './experiments';

const dir = new URL('../../public/models/', import.meta.url);
const files = {
  residual: new URL('residual.safetensors', dir),
  plain: new URL('plain.safetensors', dir),
};
const load = (url: URL): Model => deserializeModel(readFileSync(url)).model;
const models =
  existsSync(files.residual) && existsSync(files.plain)
    ? { residual: load(files.residual), plain: load(files.plain) }
    : null;
const data = { seed: 1, sequences: 4, batches: 2 };

/** Runs one experiment on both models; `top` is the last residual point. */
function both<N extends ExperimentName>(name: N) {
  const { residual, plain } = models!;
  const only = (r: ExperimentResult) => r as Extract<ExperimentResult, { name: N }>;
  return {
    r: only(runExperiment(name, residual, data)),
    p: only(runExperiment(name, plain, data)),
    top: 2 * residual.config.nLayers,
  };
}

describe.skipIf(!models)('the shipped models', () => {
  it('without skips the trained tokens collapse to one vector; with skips they stay distinct', () => {
    const { r, p, top } = both('rank-collapse');
    expect(p.rankCollapse.meanPairwiseCosine[top]).toBeGreaterThan(0.99);
    expect(p.rankCollapse.relativeResidual[top]).toBeLessThan(0.01);
    expect(r.rankCollapse.meanPairwiseCosine[top]).toBeLessThan(0.2);
    expect(r.rankCollapse.relativeResidual[top]).toBeGreaterThan(0.8);
  });

  it('without skips the first layer gets orders of magnitude less gradient than the last', () => {
    const { r, p } = both('gradient-flow');
    expect(p.gradients.firstOverLastLayer).toBeLessThan(1e-3);
    // With skips the first block's gradient is larger than the last's, not smaller.
    expect(r.gradients.firstOverLastLayer).toBeGreaterThan(0.1);
  });

  it('removing a middle sublayer costs the plain model far more, on average, than the residual one', () => {
    const { r, p, top } = both('lesion');
    // Middle: every sublayer but the first two and the last two.
    const middle = (a: Float64Array) => Array.from(a.subarray(2, top - 2));
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(middle(p.lesion.increase))).toBeGreaterThan(5 * mean(middle(r.lesion.increase)));
    expect(Math.max(...middle(p.lesion.increase))).toBeGreaterThan(
      5 * Math.max(...middle(r.lesion.increase)),
    );
  });
});
