import type { DepthRunResult } from '../../worker/protocol';
import { COLORS } from '../chart/palette';
import { XYChart, type XYSeries } from '../chart/XYChart';
import { num, powerTick } from '../format';

/**
 * A depth sweep's first-over-last gradient ratio, ‖∂L/∂x₀‖ / ‖∂L/∂x_last‖, by depth: skips on
 * and off, after training (solid) and at initialisation (dashed). With no training steps the
 * trained lines would repeat the untrained ones, so only those are drawn.
 */
export function depthRatioSeries(
  on: DepthRunResult[],
  off: DepthRunResult[],
  trainSteps: number,
): XYSeries[] {
  const line = (runs: DepthRunResult[], key: 'initFirstOverLast' | 'trainedFirstOverLast') =>
    runs.map((r) => ({ x: r.layers, y: r[key] }));
  const init = (id: 'on' | 'off', runs: DepthRunResult[]): XYSeries => ({
    id: `${id}-i`,
    label: `skips ${id}, at initialisation`,
    color: COLORS[id],
    dashed: true,
    points: line(runs, 'initFirstOverLast'),
    markers: true,
  });
  const trained = (id: 'on' | 'off', runs: DepthRunResult[]): XYSeries => ({
    id: `${id}-t`,
    label: `skips ${id}, after ${trainSteps} steps`,
    color: COLORS[id],
    points: line(runs, 'trainedFirstOverLast'),
    markers: true,
  });
  return trainSteps === 0
    ? [init('on', on), init('off', off)]
    : [trained('on', on), init('on', on), trained('off', off), init('off', off)];
}

/** The gradient ratio by depth on log–log axes, with 1 (no loss) marked. Used by the lab and the tour. */
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
      references={[{ y: 1, label: 'no loss' }]}
      testId={testId}
    />
  );
}
