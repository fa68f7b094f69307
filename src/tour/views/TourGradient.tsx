import { useApp } from '../../store/store';
import { ChartFrame, ChartPending, SeriesLegend } from '../../views/chart/ChartFrame';
import { firstOverLast } from '../../analysis/statistics';
import { num } from '../../views/format';
import { SOURCE_NAMES } from '../../views/lab/names';
import { StreamGradChart, streamGradients } from '../../views/lab/StreamGradChart';
import { TRACING_NOTE, useLabTraces } from '../../views/lab/useLabTraces';

/** Claim 3: how much of the gradient at the top of the stream reaches each point below. */
export function TourGradient() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  const grads = streamGradients(lt);
  const { series, empty } = grads;
  const ends = [lt.on, lt.off].map((ch) => ch.trace?.end);
  const frame = {
    id: 'tour-grad',
    current: lt.point,
    title: 'How strongly the loss reacts to each point of the stream',
  };
  if ((!ends[0] || !ends[1]) && !empty) return <ChartPending {...frame} note={TRACING_NOTE} />;
  const summary =
    ends[0] && ends[1] && !empty
      ? `‖∂L/∂x‖ at the embedding over the last point, on ${SOURCE_NAMES[source]}: ${num(firstOverLast(ends[0].streamGradNorms))} ${lt.on.name}, ${num(firstOverLast(ends[1].streamGradNorms))} ${lt.off.name}.`
      : 'No gradient for a single word.';
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖∂L/∂x‖ at each point for this sentence, on a log scale, so equal steps up the axis are
          equal factors. Training signal for the first sublayers has to arrive at the left end.
        </>
      }
    >
      <StreamGradChart
        lt={lt}
        grads={grads}
        emptyNote="A single word has no next word to predict: use at least two."
      />
    </ChartFrame>
  );
}
