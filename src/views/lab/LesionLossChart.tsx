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

/** The share of predictions that change, in %, for removing each sublayer: a bar series of S. */
export const predictionChangeSeries = (
  r: LesionResult | undefined,
  id: string,
  label: string,
  color: string,
  S: number,
) => ({
  id,
  label,
  color,
  values: toValues(
    r?.predictionChange.map((v) => 100 * v),
    S,
  ),
});

/** A sweep's two charts side by side: the loss increase and the predictions changed. */
export function LesionCharts({
  series,
  changed,
  S,
  highlight,
}: {
  series: ReturnType<typeof lesionLossSeries>;
  changed: ReturnType<typeof predictionChangeSeries>[];
  S: number;
  highlight?: number;
}) {
  return (
    <div className="two-up">
      <LesionLossChart series={series} S={S} highlight={highlight} testId="lesion-loss-chart" />
      <BarChart
        series={changed}
        n={S}
        tick={sublayerTick}
        name={(k) => `Without ${sublayerLabel(k)}`}
        xLabel="sublayer removed"
        yLabel="predictions changed (%)"
        yDomain={[0, 100]}
        highlight={highlight}
        valueFormat={(v) => `${num(v)}%`}
      />
    </div>
  );
}
