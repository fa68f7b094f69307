import { useApp } from '../../store/store';
import { ChartFrame, LegendItem } from '../../views/chart/ChartFrame';
import { PointLineChart } from '../../views/chart/PointLineChart';
import { pointTick } from '../../views/labels';
import { num, powerTick } from '../../views/lab/labMath';
import { SOURCE_NAMES } from '../../views/lab/names';
import { useLabTraces } from '../../views/lab/useLabTraces';
import { gradientRatio } from '../measures';

/** Claim 3: how much of the gradient at the top of the stream reaches each point below. */
export function TourGradient() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  const chans = [lt.on, lt.off];
  const series = lt.measureSeries((end) => end.streamGradNorms, lt.P);
  const ends = chans.map((ch) => ch.trace?.end);
  const empty = ends.some((e) => e && e.streamGradNorms.length === 0);
  const summary =
    ends[0] && ends[1] && !empty
      ? `‖∂L/∂x‖ at the embedding over the last point, on ${SOURCE_NAMES[source]}: ${num(gradientRatio(ends[0]))} ${lt.on.name}, ${num(gradientRatio(ends[1]))} ${lt.off.name}.`
      : empty
        ? 'No gradient for a single word.'
        : 'Being computed.';
  return (
    <ChartFrame
      id="tour-grad"
      current={lt.point}
      title="How strongly the loss reacts to each point of the stream"
      summary={summary}
      legend={series.map((s) => (
        <LegendItem key={s.id} color={s.color} label={s.label} />
      ))}
      caption={
        <>
          ‖∂L/∂x‖ at each point for this sentence, on a log scale, so equal steps up the axis are
          equal factors. Training signal for the first sublayers has to arrive at the left end.
        </>
      }
    >
      {empty ? (
        <p className="chart-note">A single word has no next word to predict: use at least two.</p>
      ) : (
        <PointLineChart
          series={series}
          nPoints={lt.P}
          current={lt.point}
          yLabel="‖∂L/∂x‖"
          tick={pointTick}
          log
          valueFormat={num}
          axisFormat={powerTick}
        />
      )}
    </ChartFrame>
  );
}
