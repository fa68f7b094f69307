import { PointLineChart } from '../chart/PointLineChart';
import { pointTick } from '../labels';
import { num } from '../format';
import type { MeasureSeries } from './useLabTraces';

/**
 * The mean cosine between the stream vectors of two different words, at every point: 1 means
 * every word holds the same vector (rank collapse). The y axis spans [min(0, lowest), 1], so a
 * negative mean is drawn too. Used by the lab and the tour.
 */
export function PairwiseCosineChart({
  series,
  nPoints,
  current,
  height,
}: {
  series: MeasureSeries[];
  nPoints: number;
  current: number;
  height: number;
}) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  return (
    <PointLineChart
      series={series}
      nPoints={nPoints}
      current={current}
      yLabel="mean pairwise cosine"
      tick={pointTick}
      yDomain={[Math.min(0, ...values), Math.max(1, ...values)]}
      valueFormat={num}
      height={height}
    />
  );
}
