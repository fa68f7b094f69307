import { describe, expect, it } from 'vitest';
import type { DepthRunResult } from '../../worker/protocol';
import { depthRatioSeries } from './DepthRatioChart';
import { lesionLossSeries } from './LesionLossChart';

const run = (layers: number, init: number, trained: number, scheme = 'gpt2') =>
  ({
    layers,
    init: scheme,
    initFirstOverLast: init,
    trainedFirstOverLast: trained,
  }) as DepthRunResult;

describe('charts the lab and the tour share', () => {
  it('draws a depth sweep before and after training, or only before when it did not train', () => {
    const on = [run(2, 1, 0.9), run(4, 1.1, 1)];
    const off = [run(2, 0.1, 1e-3, 'xavier'), run(4, 1e-3, 1e-6, 'xavier')];
    const trained = depthRatioSeries(on, off, 20);
    expect(trained.map((s) => s.label)).toEqual([
      'skips on, GPT-2’s init, after 20 steps',
      'skips on, GPT-2’s init, at initialisation',
      'skips off, Xavier’s init, after 20 steps',
      'skips off, Xavier’s init, at initialisation',
    ]);
    expect(trained[2].points).toEqual([
      { x: 2, y: 1e-3 },
      { x: 4, y: 1e-6 },
    ]);
    const untrained = depthRatioSeries(on, off, 0);
    expect(untrained.map((s) => s.id)).toEqual(['on-gpt2-i', 'off-xavier-i']);
    expect(untrained.every((s) => s.dashed)).toBe(true);
  });

  it('draws the runs from a compared init beside the network’s own, in grey', () => {
    const on = [run(2, 1, 0.9)];
    const off = [run(2, 0.1, 1e-3, 'xavier'), run(2, 1e-9, 1e-12, 'gpt2')];
    const series = depthRatioSeries(on, off, 0);
    expect(series.map((s) => s.label)).toEqual([
      'skips on, GPT-2’s init, at initialisation',
      'skips off, Xavier’s init, at initialisation',
      'skips off, GPT-2’s init, at initialisation',
    ]);
    expect(series[2].points).toEqual([{ x: 2, y: 1e-9 }]);
    expect(series[2].color).not.toBe(series[1].color);
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
