import { lesionMeasure } from '../../analysis/lesionCost';
import { num, signed, toValues } from '../../views/format';
import { useApp } from '../../store/store';
import { BarChart } from '../../views/chart/BarChart';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { COLORS } from '../../views/chart/palette';
import { sublayerLabel } from '../../views/labels';
import { subTick } from '../../views/lab/names';
import { useLabTraces } from '../../views/lab/useLabTraces';
import { slotFor } from '../../store/labSlice';
import '../../views/chart/chart.css';

/** What removing each sublayer in turn costs, on held-out text, for both models. */
export function TourLesions() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  const results = useApp((s) => s.lesionResults);
  const busy = useApp((s) => s.lesionBusy);
  const on = results[slotFor(source, true)];
  const off = results[slotFor(source, false)];
  const S = on?.lesioned.length ?? lt.S;
  const inc = (r: typeof on) => (r ? lesionMeasure(r, Infinity).increases : null);
  const series = [
    { id: 'on', label: 'with skips', color: COLORS.on, values: toValues(inc(on), S) },
    { id: 'off', label: 'without skips', color: COLORS.off, values: toValues(inc(off), S) },
  ];
  const describe = (name: string, r: NonNullable<typeof on>) =>
    `${name}: intact ${num(r.intact)} nats; ${Array.from(r.lesioned, (v, k) => `${subTick(k)} ${signed(v - r.intact)}`).join(', ')}`;
  const summary =
    on && off
      ? `Validation loss increase when one sublayer is removed. ${describe('With skips', on)}. ${describe('Without skips', off)}.`
      : busy
        ? 'The sweep is running.'
        : 'No sweep yet.';
  return (
    <ChartFrame
      id="tour-lesion"
      current={lt.point}
      title="Remove one sublayer: how much worse does the model get?"
      summary={summary}
      legend={on && off && <SeriesLegend series={series} />}
      caption={
        <>
          Each pair of bars removes one sublayer (the stream passes it unchanged) and measures the
          loss on held-out sentences the models never trained on, against the intact model, in nats
          per word.
        </>
      }
    >
      {on && off ? (
        <BarChart
          series={series}
          n={S}
          tick={subTick}
          name={(k) => `Without ${sublayerLabel(k)}`}
          xLabel="sublayer removed"
          yLabel="loss increase (nats)"
          valueFormat={num}
          testId="tour-lesion-chart"
        />
      ) : (
        <p className="chart-note">
          {busy ? 'Removing each sublayer in turn…' : 'Press the button above to run it.'}
        </p>
      )}
    </ChartFrame>
  );
}
