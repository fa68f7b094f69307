import { PointLineChart, type Series } from '../chart/PointLineChart';
import { pointTick } from '../labels';
import { num, powerTick } from '../format';
import type { useLabTraces } from './useLabTraces';
import '../chart/chart.css';

type LabTraces = ReturnType<typeof useLabTraces>;

/** ‖∂L/∂x‖ at each point of the stream, per channel, and whether the sentence has none. */
export function streamGradients(lt: LabTraces) {
  const norms = [lt.on, lt.off].map((ch) => ch.trace?.end.streamGradNorms);
  return {
    series: lt.measureSeries((end) => end.streamGradNorms, lt.P),
    norms,
    // One word has no next word to predict, so no loss and no gradient.
    empty: norms.some((v) => v && v.length === 0),
  };
}

/** The gradient along the stream on a log scale, as the lab and the tour both draw it. */
export function StreamGradChart({
  lt,
  grads,
  emptyNote,
}: {
  lt: LabTraces;
  grads: ReturnType<typeof streamGradients>;
  emptyNote: string;
}) {
  if (grads.empty) return <p className="chart-note">{emptyNote}</p>;
  return <StreamGradLines series={grads.series} nPoints={lt.P} current={lt.point} />;
}

/** The lines themselves, for any model's points: the tour draws GPT-2's the same way. */
export function StreamGradLines({
  series,
  nPoints,
  current,
}: {
  series: Series[];
  nPoints: number;
  current: number;
}) {
  return (
    <PointLineChart
      series={series}
      nPoints={nPoints}
      current={current}
      yLabel="‖∂L/∂x‖"
      tick={pointTick}
      log
      valueFormat={num}
      axisFormat={powerTick}
    />
  );
}
