import type { LesionResult } from '../../store/labSlice';
import { BarChart } from '../chart/BarChart';
import { COLORS } from '../chart/palette';
import { sublayerLabel, sublayerTick } from '../labels';
import { num, toValues } from '../format';

/** The loss increase, lesioned − intact, for removing each sublayer in turn; null before a sweep. */
export const lesionIncreases = (r: LesionResult | undefined): Float32Array | null =>
  r ? r.lesioned.map((v) => v - r.intact) : null;

/** The lesion sweep's loss increases, with skips and without, as bar series of S sublayers. */
export function lesionLossSeries(
  on: LesionResult | undefined,
  off: LesionResult | undefined,
  S: number,
) {
  return [
    { id: 'on', label: 'with skips', color: COLORS.on, values: toValues(lesionIncreases(on), S) },
    {
      id: 'off',
      label: 'without skips',
      color: COLORS.off,
      values: toValues(lesionIncreases(off), S),
    },
  ];
}

/** What removing each sublayer costs on held-out text: a pair of bars per sublayer. Used by the lab and the tour. */
export function LesionLossChart({
  series,
  S,
  highlight,
  testId,
}: {
  series: ReturnType<typeof lesionLossSeries>;
  S: number;
  highlight?: number;
  testId: string;
}) {
  return (
    <BarChart
      series={series}
      n={S}
      tick={sublayerTick}
      name={(k) => `Without ${sublayerLabel(k)}`}
      xLabel="sublayer removed"
      yLabel="loss increase (nats)"
      highlight={highlight}
      valueFormat={num}
      testId={testId}
    />
  );
}
