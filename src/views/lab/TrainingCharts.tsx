import type { CurvePoint } from '../../analysis/boundedCurve';
import { useApp } from '../../store/store';
import { BarChart } from '../chart/BarChart';
import { ChartFrame, LegendItem, SeriesLegend } from '../chart/ChartFrame';
import { XYChart, type XYPoint, type XYSeries } from '../chart/XYChart';
import { num, powerTick } from '../format';
import { CHANNELS } from '../../store/labSlice';
import type { Channel } from '../../worker/protocol';
import { COLOR, NAME, useRuns } from './training';
import { learningRateText } from './learningRateText';
import { LossReferences } from '../LossReferences';
import { referenceLines, useTrainingRecord } from '../trainingRecord';
import '../chart/chart.css';

const xy = (c: CurvePoint[]): XYPoint[] => c.map((p) => ({ x: p.step, y: p.value }));

function curveText(c: CurvePoint[]): string {
  if (c.length === 0) return 'none yet';
  const a = c[0];
  const b = c[c.length - 1];
  return `${num(a.value)} at step ${a.step} to ${num(b.value)} at step ${b.step}`;
}

/** The run's length, so the step axis is fixed and the curves grow across it. */
function usePlannedSteps(): number {
  const runs = useRuns();
  const planned = useApp((s) => s.trainingSettings.steps);
  return Math.max(runs.on.totalSteps, runs.off.totalSteps) || planned;
}

export function LossPanel() {
  const runs = useRuns();
  const plannedSteps = usePlannedSteps();
  const refs = useTrainingRecord()?.references;
  const series: XYSeries[] = CHANNELS.flatMap((ch) => [
    {
      id: `${ch}-train`,
      label: `training loss, ${NAME[ch]}`,
      color: COLOR[ch],
      points: xy(runs[ch].loss),
    },
    {
      id: `${ch}-valid`,
      label: `validation loss, ${NAME[ch]}`,
      color: COLOR[ch],
      dashed: true,
      markers: true,
      points: xy(runs[ch].validLoss),
    },
  ]);
  const any = runs.on.loss.length > 0 || runs.off.loss.length > 0;
  // The rates the runs trained at, not the form's: the reader may have changed it since Start.
  const rates = learningRateText({ on: runs.on.lr, off: runs.off.lr });
  const part = (ch: Channel) => {
    const v = runs[ch].validLoss;
    return `${NAME[ch]}, training loss from ${curveText(runs[ch].loss)}${v.length ? `, validation loss ${num(v[v.length - 1].value)} at step ${v[v.length - 1].step}` : ''}`;
  };
  return (
    <div className="wide">
      <ChartFrame
        id="train-loss"
        exportable={any}
        title="Loss while training"
        summary={
          any ? `This run: ${rates}. ${part('on')}; ${part('off')}.` : 'No training run yet.'
        }
        legend={CHANNELS.flatMap((ch) => [
          <LegendItem key={`${ch}-t`} color={COLOR[ch]} label={`training, ${NAME[ch]}`} />,
          <LegendItem key={`${ch}-v`} color={COLOR[ch]} dashed label={`validation, ${NAME[ch]}`} />,
        ])}
        caption={
          <>
            {rates && <span data-testid="train-rates">This run: {rates}. </span>}
            Next-word loss in nats: solid, each training batch (8 sequences, so it is noisy); dashed
            with dots, held-out text every 100 steps and at the end. Lower is better; the grey
            dashed lines are the shipped models’ reference losses. Long runs are thinned to at most
            400 points by averaging neighbours. <LossReferences />
          </>
        }
      >
        {/* The empty axes are there before Start: mounting the charts as the first
            progress arrived was one long main-thread task, and the page jumped. */}
        {!any && <p className="chart-note">Press Start to train both models.</p>}
        <XYChart
          series={series}
          xLabel="training step"
          yLabel="loss (nats)"
          zero={false}
          valueFormat={num}
          xFormat={(v) => String(Math.round(v))}
          hoverLabel={(x) => `step ${x}`}
          xDomain={[0, plannedSteps]}
          references={refs ? referenceLines(refs) : []}
          height={240}
        />
      </ChartFrame>
    </div>
  );
}

export function GradNormPanel() {
  const runs = useRuns();
  const plannedSteps = usePlannedSteps();
  const series: XYSeries[] = CHANNELS.map((ch) => ({
    id: ch,
    label: NAME[ch],
    color: COLOR[ch],
    points: xy(runs[ch].gradNorm),
  }));
  const any = series.some((s) => s.points.length > 0);
  return (
    <ChartFrame
      id="train-grad"
      exportable={any}
      title="Gradient norm while training"
      summary={
        any
          ? `‖∂L/∂θ‖ over all parameters: ${NAME.on} from ${curveText(runs.on.gradNorm)}; ${NAME.off} from ${curveText(runs.off.gradNorm)}.`
          : 'No training run yet.'
      }
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          The size of the whole gradient at each step, on a log scale. Spikes warn of instability; a
          norm that sinks toward zero while the loss stays high means the model has stopped
          learning.
        </>
      }
    >
      {!any && <p className="chart-note">Starts with the first step.</p>}
      <XYChart
        series={series}
        xLabel="training step"
        yLabel="‖∂L/∂θ‖"
        yLog
        yFormat={powerTick}
        valueFormat={num}
        xFormat={(v) => String(Math.round(v))}
        hoverLabel={(x) => `step ${x}`}
        xDomain={[0, plannedSteps]}
      />
    </ChartFrame>
  );
}

export function LayerGradPanel() {
  const runs = useRuns();
  const planned = useApp((s) => s.trainingSettings.nLayers);
  const known = runs.on.layerGradNorms?.length ?? runs.off.layerGradNorms?.length ?? 0;
  // Before the first step, empty bars for the layers the run will have.
  const L = known || planned;
  const series = CHANNELS.map((ch) => ({
    id: ch,
    label: NAME[ch],
    color: COLOR[ch],
    values: Array.from({ length: L }, (_, k) => runs[ch].layerGradNorms?.[k] ?? null),
  }));
  const part = (ch: Channel) => {
    const g = runs[ch].layerGradNorms;
    return g && g.length
      ? `${NAME[ch]} at step ${runs[ch].step}: first layer ${num(g[0])}, last ${num(g[g.length - 1])}, first over last ${num(g[0] / g[g.length - 1])}`
      : `${NAME[ch]}: none yet`;
  };
  return (
    <ChartFrame
      id="train-layers"
      exportable={!!known}
      title="Gradient per layer, latest step"
      summary={
        known ? `‖∂L/∂θ‖ of each block. ${part('on')}; ${part('off')}.` : 'No training run yet.'
      }
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          ‖∂L/∂θ‖ of each block’s parameters at the latest step, on a log scale. Without skips, see
          whether the first layers’ bars fall away from the last ones as training goes on.
        </>
      }
    >
      {!known && <p className="chart-note">Starts with the first step.</p>}
      {L > 0 && (
        <BarChart
          series={series}
          n={L}
          tick={(k) => String(k + 1)}
          name={(k) => `Layer ${k + 1}`}
          xLabel="layer"
          yLabel="‖∂L/∂θ‖"
          log
          valueFormat={num}
          axisFormat={powerTick}
        />
      )}
    </ChartFrame>
  );
}
