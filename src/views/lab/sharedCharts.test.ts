import { describe, expect, it } from 'vitest';
import type { DepthRunResult } from '../../worker/protocol';
import { depthRatioSeries } from './DepthRatioChart';
import { lesionLossSeries } from './LesionLossChart';

const run = (layers: number, init: number, trained: number) =>
  ({ layers, initFirstOverLast: init, trainedFirstOverLast: trained }) as DepthRunResult;

describe('charts the lab and the tour share', () => {
  it('draws a depth sweep before and after training, or only before when it did not train', () => {
    const on = [run(2, 1, 0.9), run(4, 1.1, 1)];
    const off = [run(2, 0.1, 1e-3), run(4, 1e-3, 1e-6)];
    const trained = depthRatioSeries(on, off, 20);
    expect(trained.map((s) => s.label)).toEqual([
      'skips on, after 20 steps',
      'skips on, at initialisation',
      'skips off, after 20 steps',
      'skips off, at initialisation',
    ]);
    expect(trained[2].points).toEqual([
      { x: 2, y: 1e-3 },
      { x: 4, y: 1e-6 },
    ]);
    const untrained = depthRatioSeries(on, off, 0);
    expect(untrained.map((s) => s.id)).toEqual(['on-i', 'off-i']);
    expect(untrained.every((s) => s.dashed)).toBe(true);
  });

  it('turns a lesion sweep into loss increases over the intact model, empty before one', () => {
    const on = {
      intact: 3,
      lesioned: new Float32Array([3.5, 3]),
      predictionChange: new Float32Array(2),
    };
    const [withSkips, without] = lesionLossSeries(on, undefined, 2);
    expect(withSkips.values).toEqual([0.5, 0]);
    expect(without.values).toEqual([null, null]);
  });
});
