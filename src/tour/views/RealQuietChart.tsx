import { ChartFrame } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import { num, toValues } from '../../views/format';
import { SublayerLogBars } from '../../views/lab/SublayerLogBars';
import type { MeasureSeries } from '../../views/lab/useLabTraces';
import { QUIET } from '../realVerdicts';
import '../../views/chart/chart.css';

/**
 * Chapter 5 on GPT-2, drawn: ‖f(x)‖/‖x‖ of each of its sublayers, the figures the verdict counts
 * against QUIET, on a log scale as the lab draws the small models'. GPT-2 alone: its sublayers
 * are not the small model's.
 */
export function RealQuietChart({ name, ratios }: { name: string; ratios: ArrayLike<number> }) {
  const S = ratios.length;
  const quiet = Array.from(ratios).filter((v) => v < QUIET).length;
  // GPT-2 with its own skips: the "on" series, in its blue as everywhere.
  const series: MeasureSeries[] = [
    { id: 'on', label: '‖f(x)‖/‖x‖', color: COLORS.on, values: toValues(ratios, S) },
  ];
  return (
    <ChartFrame
      id="tour-real-quiet"
      title={`How much each of ${name}’s sublayers writes next to the stream`}
      summary={`‖f(x)‖/‖x‖ of ${name}’s ${S} sublayers: ${quiet} under ${num(QUIET)}, from ${num(Math.min(...Array.from(ratios)))} to ${num(Math.max(...Array.from(ratios)))}.`}
      caption={
        <>
          The length of what each sublayer writes over that of the stream it joins, averaged over
          the words, on a log scale. A bar under the dashed line ({num(QUIET)}) passes the stream on
          nearly as it is. {name} alone: its sublayers are not our small model’s.
        </>
      }
    >
      <SublayerLogBars
        series={series}
        S={S}
        yLabel="‖f(x)‖/‖x‖"
        references={[{ y: QUIET, label: `${num(QUIET)}: quiet below` }]}
      />
    </ChartFrame>
  );
}
