import { firstOverLast } from '../../analysis/statistics';
import { pointCount } from '../../store/positions';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import type { Series } from '../../views/chart/PointLineChart';
import { num, toValues } from '../../views/format';
import { StreamGradLines } from '../../views/lab/StreamGradChart';
import type { TourRealTraces } from '../useTourRealTraces';
import '../../views/chart/chart.css';

/**
 * Chapter 4 on GPT-2, drawn: ‖∂L/∂x‖ at each point of its stream, with its own skips and with
 * them weakened to α, from the traces the verdict reads. GPT-2 alone: its points do not line up
 * with the small models', whose lines are in the chapter's own chart.
 */
export function RealGradChart({ real }: { real: TourRealTraces }) {
  const { on, off, name, alpha } = real;
  // A sentence of one token has no next word, so no loss and no gradient to draw.
  if (!on || !off || on.end.streamGradNorms.length === 0) return null;
  const P = pointCount(on.start.nLayers);
  const series: Series[] = [
    {
      id: 'on',
      label: `${name}, its skips`,
      color: COLORS.on,
      values: toValues(on.end.streamGradNorms, P),
    },
    {
      id: 'off',
      label: `${name}, skips weakened to α = ${num(alpha)}`,
      color: COLORS.off,
      values: toValues(off.end.streamGradNorms, P),
    },
  ];
  return (
    <ChartFrame
      id="tour-real-grad"
      current={0}
      title={`How strongly ${name}’s loss reacts to each point of its stream`}
      summary={`‖∂L/∂x‖ at the embedding over the last point: ${num(firstOverLast(on.end.streamGradNorms))} with its skips, ${num(firstOverLast(off.end.streamGradNorms))} with them weakened to α = ${num(alpha)}.`}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖∂L/∂x‖ at each of {name}’s {P} points, on a log scale; the embedding, marked, is where
          the verdict’s ratio is read. {name} alone: its points do not line up with our small
          models’, drawn in the chart above.
        </>
      }
    >
      <StreamGradLines series={series} nPoints={P} current={0} />
    </ChartFrame>
  );
}
