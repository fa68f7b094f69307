import { BarChart } from '../chart/BarChart';
import type { ReferenceLine } from '../chart/ReferenceLines';
import { sublayerLabel, sublayerTick } from '../labels';
import { num, powerTick } from '../format';
import type { MeasureSeries } from './useLabTraces';

/** One measure per sublayer, skips on beside off, on a log scale, the stepper's sublayer marked. */
export function SublayerLogBars({
  series,
  S,
  highlight,
  yLabel,
  references,
}: {
  series: MeasureSeries[];
  S: number;
  highlight?: number;
  yLabel: string;
  /** Levels to draw across the bars (a threshold). */
  references?: readonly ReferenceLine[];
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
      references={references}
    />
  );
}
