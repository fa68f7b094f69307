import { BarChart, type BarSeries } from '../../views/chart/BarChart';
import { ChartFrame } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import { num, toValues } from '../../views/format';
import { sublayerLabel, sublayerTick } from '../../views/labels';
import { QUIET } from '../realVerdicts';
import '../../views/chart/chart.css';

/**
 * Chapter 5 on GPT-2, drawn: ‖f(x)‖/‖x‖ of each of its sublayers, the figures the verdict counts
 * against QUIET. GPT-2 alone: its sublayers are not the small model's.
 */
export function RealQuietChart({ name, ratios }: { name: string; ratios: ArrayLike<number> }) {
  const S = ratios.length;
  const quiet = Array.from(ratios).filter((v) => v < QUIET).length;
  const series: BarSeries[] = [
    { id: 'ratio', label: '‖f(x)‖/‖x‖', color: COLORS.on, values: toValues(ratios, S) },
  ];
  return (
    <ChartFrame
      id="tour-real-quiet"
      title={`How much each of ${name}’s sublayers writes next to the stream`}
      summary={`‖f(x)‖/‖x‖ of ${name}’s ${S} sublayers: ${quiet} under ${num(QUIET)}, from ${num(Math.min(...Array.from(ratios)))} to ${num(Math.max(...Array.from(ratios)))}.`}
      caption={
        <>
          The length of what each sublayer writes over that of the stream it joins, averaged over
          the words. A bar under {num(QUIET)} passes the stream on nearly as it is. {name} alone:
          its sublayers are not our small model’s.
        </>
      }
    >
      <BarChart
        series={series}
        n={S}
        tick={sublayerTick}
        name={sublayerLabel}
        xLabel="sublayer"
        yLabel="‖f(x)‖/‖x‖"
        valueFormat={num}
        height={200}
        testId="tour-real-quiet-bars"
      />
    </ChartFrame>
  );
}
