import type { DepthRunResult } from '../../worker/protocol';
import { COLORS } from '../chart/palette';
import { XYChart, type XYSeries } from '../chart/XYChart';
import { num, powerTick } from '../format';
import { comparedRuns, ownRuns } from '../../analysis/depthRows';
import { initName } from './names';

/**
 * A depth sweep's first-over-last gradient ratio, ‖∂L/∂x₀‖ / ‖∂L/∂x_last‖, by depth: skips on
 * and off, after training (solid) and at initialisation (dashed), each label naming its init.
 * With no training steps the trained lines would repeat the untrained ones, so only those are
 * drawn. Runs from a compared init (`compareInit`) are drawn in grey beside the network's own.
 */
export function depthRatioSeries(
  on: DepthRunResult[],
  off: DepthRunResult[],
  trainSteps: number,
): XYSeries[] {
  const line = (runs: DepthRunResult[], key: 'initFirstOverLast' | 'trainedFirstOverLast') =>
    runs.map((r) => ({ x: r.layers, y: r[key] }));
  const both = (id: 'on' | 'off', runs: DepthRunResult[], own: boolean): XYSeries[] => {
    if (runs.length === 0) return [];
    const tag = `${id}-${runs[0].init}`;
    const name = `skips ${id}, ${initName(runs[0].init)} init`;
    const color = own ? COLORS[id] : COLORS.muted;
    const init: XYSeries = {
      id: `${tag}-i`,
      label: `${name}, at initialisation`,
      color,
      dashed: true,
      points: line(runs, 'initFirstOverLast'),
      markers: true,
    };
    const trained: XYSeries = {
      id: `${tag}-t`,
      label: `${name}, after ${trainSteps} steps`,
      color,
      points: line(runs, 'trainedFirstOverLast'),
      markers: true,
    };
    return trainSteps === 0 ? [init] : [trained, init];
  };
  return [
    ...both('on', ownRuns(on), true),
    ...both('off', ownRuns(off), true),
    ...both('on', comparedRuns(on), false),
    ...both('off', comparedRuns(off), false),
  ];
}

/** The gradient ratio by depth on log–log axes, with 1 (the gradient reaches the first layer undiminished) marked. Used by the lab and the tour. */
export function DepthRatioChart({
  series,
  layers,
  testId,
}: {
  series: XYSeries[];
  /** The depths swept, one x tick each. */
  layers: number[];
  testId: string;
}) {
  return (
    <XYChart
      series={series}
      xLabel="depth (layers)"
      yLabel="first / last ‖∂L/∂x‖"
      xLog
      yLog
      xTickValues={layers}
      xFormat={(v) => String(v)}
      valueFormat={num}
      yFormat={powerTick}
      hoverLabel={(x) => `${x} layers`}
      references={[{ y: 1, label: 'first = last: no shrinking' }]}
      testId={testId}
    />
  );
}
