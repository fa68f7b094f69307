import { BarChart } from '../chart/BarChart';
import { sublayerLabel, sublayerTick } from '../labels';
import { num, powerTick } from '../format';
import type { MeasureSeries } from './useLabTraces';

/** One measure per sublayer, skips on beside off, on a log scale, the stepper's sublayer marked. */
export function SublayerLogBars({
  series,
  S,
  highlight,
  yLabel,
}: {
  series: MeasureSeries[];
  S: number;
  highlight?: number;
  yLabel: string;
}) {
  return (
    <BarChart
      series={series}
      n={S}
      tick={sublayerTick}
      name={sublayerLabel}
      xLabel="sublayer"
      yLabel={yLabel}
      log
      highlight={highlight}
      valueFormat={num}
      axisFormat={powerTick}
    />
  );
}
