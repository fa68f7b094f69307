import { num, signed } from '../../views/format';
import { sublayerTick } from '../../views/labels';
import { useApp } from '../../store/store';
import { ChartFrame, SeriesLegend } from '../../views/chart/ChartFrame';
import { LesionLossChart, lesionLossSeries } from '../../views/lab/LesionLossChart';
import { useLabTraces } from '../../views/lab/useLabTraces';
import { lesionSweepBusy, slotFor } from '../../store/labSlice';
import '../../views/chart/chart.css';

/** What removing each sublayer in turn costs, on held-out text, for both models. */
export function TourLesions() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  const results = useApp((s) => s.lesionResults);
  // This pair's sweep: GPT-2's, started from chapter 5's "Now on GPT-2", is not this chart's.
  const busy = useApp((s) => lesionSweepBusy(s, 'source'));
  const on = results[slotFor(source, true)];
  const off = results[slotFor(source, false)];
  const S = on?.lesioned.length ?? lt.S;
  const series = lesionLossSeries(on, off, S);
  const describe = (name: string, r: NonNullable<typeof on>) =>
    `${name}: intact ${num(r.intact)} nats; ${Array.from(r.lesioned, (v, k) => `${sublayerTick(k)} ${signed(v - r.intact)}`).join(', ')}`;
  const summary =
    on && off
      ? `Validation loss increase when one sublayer is removed. ${describe('With skips', on)}. ${describe('Without skips', off)}.`
      : busy
        ? 'The sweep is running.'
        : 'No sweep yet.';
  return (
    <ChartFrame
      id="tour-lesion"
      exportable={!!(on && off)}
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
        <LesionLossChart series={series} S={S} testId="tour-lesion-chart" />
      ) : (
        <p className="chart-note">
          {busy ? 'Removing each sublayer in turn…' : 'Press the button above to run it.'}
        </p>
      )}
    </ChartFrame>
  );
}
