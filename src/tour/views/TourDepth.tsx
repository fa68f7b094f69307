import { useApp } from '../../store/store';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { depthRows, sameSweep } from '../../analysis/depthRows';
import { DepthRatioChart, depthRatioSeries } from '../../views/lab/DepthRatioChart';
import { num } from '../../views/format';
import { initName } from '../../views/lab/names';
import type { DepthSweepParams } from '../../store/labSlice';
import '../../views/chart/chart.css';

const NORM_NAMES = { pre: 'pre-LN', post: 'post-LN', none: 'no LayerNorm' } as const;

/** The depth sweep the gradient chapter runs: first-over-last gradient ratio by depth. */
export function TourDepth({ id, params }: { id: string; params: DepthSweepParams }) {
  const stored = useApp((s) => s.depthSweep);
  // Another sweep (the lab's, or another chapter's) is not this chart's business.
  const sweep = sameSweep(stored.params, params) ? stored : { ...stored, status: 'idle' as const };
  const rows =
    sweep.status === 'done' && sweep.runs.on && sweep.runs.off
      ? depthRows(sweep.runs.on, sweep.runs.off)
      : [];
  const steps = sweep.params?.trainSteps ?? 0;
  const norm = NORM_NAMES[sweep.params?.norm ?? 'pre'];
  const series =
    sweep.status === 'done' && sweep.runs.on && sweep.runs.off
      ? depthRatioSeries(sweep.runs.on, sweep.runs.off, steps)
      : [];
  const summary = rows.length
    ? `Share of the last point’s gradient that reaches the embedding (${norm}; with skips from ${initName(rows[0].onScheme)} init, without from ${initName(rows[0].offScheme)}): ${rows
        .map((r) =>
          steps === 0
            ? `${r.layers} layers, untrained: with skips ${num(r.onInit)}, without ${num(r.offInit)}`
            : `${r.layers} layers: with skips ${num(r.onInit)} untrained, ${num(r.onTrained)} after ${steps} steps; without ${num(r.offInit)} and ${num(r.offTrained)}`,
        )
        .join('; ')}.`
    : sweep.status === 'running'
      ? 'The sweep is running.'
      : 'No sweep yet.';
  return (
    <ChartFrame
      id={id}
      exportable={rows.length > 0}
      title="Stacks of different depths: how much gradient reaches the bottom?"
      summary={summary}
      legend={rows.length > 0 && <SeriesLegend series={series} />}
      caption={
        <>
          Each point is a fresh model of that depth: its gradient at the embedding divided by its
          gradient after the last layer, before training (dashed) and after a few steps of it
          (solid). 1 means the bottom hears the loss as well as the top; 10⁻⁶ means a millionth.
        </>
      }
    >
      {rows.length ? (
        <DepthRatioChart
          series={series}
          layers={rows.map((r) => r.layers)}
          testId={`${id}-chart`}
        />
      ) : (
        <p className="chart-note">
          {sweep.status === 'running'
            ? 'Training the stacks…'
            : sweep.status === 'error'
              ? `The sweep stopped: ${sweep.error}`
              : 'Press the button above to build and train the stacks.'}
        </p>
      )}
    </ChartFrame>
  );
}
