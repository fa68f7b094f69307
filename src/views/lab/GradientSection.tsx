import { sublayerTick } from '../labels';
import { LabSection } from './LabSection';
import { ChartFrame, ChartPending, SeriesLegend } from '../chart/ChartFrame';
import { extremum, firstOverLast } from '../../analysis/statistics';
import { meanRowNorm } from '../../analysis/vectors';
import { num } from '../format';
import { DepthSweepPanel } from './DepthSweepPanel';
import { StreamGradChart, streamGradients } from './StreamGradChart';
import { SublayerLogBars } from './SublayerLogBars';
import { TRACING_NOTE, useLabTraces, type LabChannelView } from './useLabTraces';
import { useLabModel } from './useLabModel';
import '../chart/chart.css';

/** Claim 3: skips give the gradient a direct path back to the first layers. */
export function GradientSection() {
  return (
    <LabSection
      id="lab-grad"
      title="2 · Does the gradient reach the first layers?"
      embed="gradient-flow"
      claim={
        <>
          The claim: residual connections “create direct paths for gradients to flow” and so help
          against vanishing gradients. Since x<sub>k+1</sub> = x<sub>k</sub> + f(x<sub>k</sub>), the
          gradient arriving at x<sub>k+1</sub> passes to x<sub>k</sub> unchanged plus whatever flows
          through f. Without the skip it has to pass through f alone, layer after layer.
        </>
      }
    >
      <StreamGradPanel />
      <ParamGradPanel />
      <DepthSweepPanel />
    </LabSection>
  );
}

/** What both gradient charts say for a sentence of one word. */
const SINGLE_WORD = 'No gradient for a single word: type at least two.';

/** ‖x‖ averaged over words at the first and last point, to put gradient sizes in scale. */
function streamScale(ch: LabChannelView): [number, number] | null {
  const tr = ch.trace;
  if (!tr) return null;
  const { T, dModel } = tr.start;
  const first = tr.points[0]!.stream;
  const last = tr.points[tr.points.length - 1]!.stream;
  return [meanRowNorm(first, T, dModel), meanRowNorm(last, T, dModel)];
}

function StreamGradPanel() {
  const lt = useLabTraces();
  const real = useLabModel().real !== null;
  const chans = [lt.on, lt.off];
  const grads = streamGradients(lt);
  const { series, norms: g, empty } = grads;
  const ready = g[0] && g[1] && !empty;
  const [onScale, offScale] = chans.map(streamScale);
  const describe = (ch: LabChannelView, v: Float32Array) =>
    `${num(firstOverLast(v))} ${ch.name} (${num(v[0])} at the embedding, ${num(v[v.length - 1])} after the last layer)`;
  const frame = {
    id: 'grad-stream',
    current: lt.point,
    title: 'Gradient of the loss at each point of the stream',
  };
  if (!ready && !empty) return <ChartPending {...frame} note={TRACING_NOTE} />;
  const summary = ready
    ? `‖∂L/∂x‖ at the embedding over the last point: ${describe(lt.on, g[0]!)}; ${describe(lt.off, g[1]!)}.`
    : SINGLE_WORD;
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖∂L/∂x<sub>k</sub>‖ for this sentence, on a log scale: how strongly the loss would react
          to a nudge of the stream at each point. A line that drops toward the embedding means the
          first layers hardly get a training signal.{' '}
          {onScale && offScale && (
            <>
              Mind the scale: the LayerNorms divide by ‖x‖, and the stream’s size differs (here ‖x‖
              goes from {num(onScale[0])} to {num(onScale[1])} {lt.on.name}, {num(offScale[0])} to{' '}
              {num(offScale[1])} {lt.off.name}), so raw ∂L/∂x ratios mix signal and scale.
              {!real && ' The parameter gradients beside this chart do not have that problem.'}
            </>
          )}
        </>
      }
    >
      <StreamGradChart
        lt={lt}
        grads={grads}
        emptyNote="There is no next word to predict: type at least two words."
      />
    </ChartFrame>
  );
}

/** What GPT-2's panel says instead of parameter gradients, which it is loaded without. */
const NO_PARAM_GRADS = (label: string) =>
  `${label} is loaded for inference only, without parameter gradients (as many numbers again as its weights): its traces carry ∂L/∂x at every point of the stream, beside this chart, but no ‖∂L/∂θ‖.`;

function ParamGradPanel() {
  const lt = useLabTraces();
  const { real } = useLabModel();
  const chans = [lt.on, lt.off];
  const series = lt.measureSeries((end) => end.sublayerGradNorms, lt.S);
  const g = chans.map((ch) => ch.trace?.end.sublayerGradNorms);
  const describe = (ch: LabChannelView, v: Float32Array) => {
    const lo = extremum(v, 'min');
    return `${ch.name}: first over last ${num(firstOverLast(v))}, smallest ${num(lo?.v)} at ${lo ? sublayerTick(lo.k) : '—'}`;
  };
  const frame = {
    id: 'grad-params',
    current: lt.point,
    title: 'Gradient reaching each sublayer’s weights',
  };
  if (!real && (!g[0] || !g[1])) return <ChartPending {...frame} note={TRACING_NOTE} />;
  // One word has no next word to predict, so no loss and no gradient (as the stream's panel says).
  const empty = !real && (g[0]!.length === 0 || g[1]!.length === 0);
  const summary = real
    ? NO_PARAM_GRADS(real.label)
    : empty
      ? SINGLE_WORD
      : `Gradient norm of each sublayer’s parameters. ${describe(lt.on, g[0]!)}; ${describe(lt.off, g[1]!)}.`;
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      // A note instead of a chart (GPT-2, one word) has nothing to export.
      exportable={!real && !empty}
      legend={!real && <SeriesLegend series={series} />}
      caption={
        <>
          ‖∂L/∂θ‖ of each sublayer’s parameters, on a log scale: the size of the update each
          sublayer would get from this sentence. Bars far below the others belong to sublayers that
          barely learn from it.
        </>
      }
    >
      {real ? (
        <p className="chart-note" data-testid="grad-params-real-model">
          {NO_PARAM_GRADS(real.label)}
        </p>
      ) : empty ? (
        <p className="chart-note">{SINGLE_WORD}</p>
      ) : (
        <SublayerLogBars series={series} S={lt.S} highlight={lt.sublayer} yLabel="‖∂L/∂θ‖" />
      )}
    </ChartFrame>
  );
}
