import { LabSection } from './LabSection';
import { ChartFrame, ChartPending, SeriesLegend } from '../chart/ChartFrame';
import { PointLineChart } from '../chart/PointLineChart';
import { pointLabel, pointTick } from '../labels';
import { num, powerTick } from '../format';
import { PairwiseCosineChart } from './PairwiseCosineChart';
import { TRACING_NOTE, useLabTraces, type LabChannelView } from './useLabTraces';
import '../chart/chart.css';

/** Without skips, deep attention stacks drive every token toward the same vector. */
export function RankCollapseSection() {
  return (
    <LabSection
      id="lab-rank"
      title="4 · Do the words stay different from each other?"
      embed="rank-collapse"
      claim={
        <>
          Attention averages words together. Stack enough averaging without skips and every position
          ends up holding the same vector (“rank collapse”, Dong et al. 2021): the model can no
          longer tell its words apart. The skip path carries each word’s own vector past the
          averaging.
        </>
      }
    >
      <RankPanel />
    </LabSection>
  );
}

function RankPanel() {
  const lt = useLabTraces();
  const chans = [lt.on, lt.off];
  const rel = lt.measureSeries((end) => end.relativeResidual, lt.P);
  const cos = lt.measureSeries((end) => end.pairwiseCosine, lt.P);
  const single = chans.some((ch) => ch.start && ch.start.T < 2);
  const last = lt.P - 1;
  const at = (ch: LabChannelView, k: number) =>
    `${num(ch.trace?.end.relativeResidual[k])} and mean pairwise cosine ${num(ch.trace?.end.pairwiseCosine[k])}`;
  const frame = {
    id: 'rank',
    current: lt.point,
    title: 'How far are the words from all being one vector?',
  };
  if (!single && (!lt.on.trace || !lt.off.trace)) {
    return (
      <div className="wide">
        <ChartPending {...frame} note={TRACING_NOTE} />
      </div>
    );
  }
  const summary = single
    ? 'Rank collapse needs at least two words.'
    : `After the last layer: relative residual ${at(lt.on, last)} ${lt.on.name}; ${at(lt.off, last)} ${lt.off.name}. At ${pointLabel(lt.point)}: ${at(lt.on, lt.point)} ${lt.on.name}; ${at(lt.off, lt.point)} ${lt.off.name}.`;
  const verdict = collapseVerdict(lt.on, lt.off, last);
  return (
    <div className="wide">
      <ChartFrame
        {...frame}
        exportable={!single}
        summary={summary}
        legend={<SeriesLegend series={rel} />}
        caption={
          <>
            First chart: ‖X − 1·x̄ᵀ‖ / ‖X‖ over the positions of the sentence, on a log scale: the
            share of the stream that differs between words (0 = every word the same vector). Second:
            the mean cosine between the vectors of two different words (1 = all alike). {verdict}{' '}
            <strong>What to try</strong>: without skips, repeated mixing should pull the words
            closer together the deeper the stack. To test that on a deep stack, train a 16-layer
            pair below (a few steps keep it near initialisation) and press{' '}
            <em>Explore these models</em>: the sentence above is measured on whichever pair is
            shown.
          </>
        }
      >
        {single ? (
          <p className="chart-note">Type at least two words.</p>
        ) : (
          <div className="two-up">
            <PointLineChart
              series={rel}
              nPoints={lt.P}
              current={lt.point}
              yLabel="relative residual"
              tick={pointTick}
              log
              valueFormat={num}
              axisFormat={powerTick}
              height={210}
            />
            <PairwiseCosineChart series={cos} nPoints={lt.P} current={lt.point} height={210} />
          </div>
        )}
      </ChartFrame>
    </div>
  );
}

/** What the numbers after the last layer say, in words. */
function collapseVerdict(on: LabChannelView, off: LabChannelView, last: number) {
  const a = on.trace?.end;
  const b = off.trace?.end;
  if (!a || !b) return null;
  // The first point after which every point is collapsed (cosine above 0.99), or −1.
  const cos = Array.from(b.pairwiseCosine);
  const from = cos.findIndex((_, k) => cos.slice(k).every((v) => v > 0.99));
  if (from >= 0 && a.pairwiseCosine[last] < 0.9) {
    return (
      <>
        Here the model {off.name} has collapsed: from {pointLabel(from)} on, its words point the
        same way (pairwise cosine {num(b.pairwiseCosine[last])} at the end, relative residual{' '}
        {num(b.relativeResidual[last])}), so what it predicts cannot depend on which word it is
        looking at. With skips they stay distinct (cosine {num(a.pairwiseCosine[last])}, residual{' '}
        {num(a.relativeResidual[last])}).
      </>
    );
  }
  return (
    <>
      Here, after the last layer, the mean pairwise cosine is {num(a.pairwiseCosine[last])}{' '}
      {on.name} and {num(b.pairwiseCosine[last])} {off.name}; relative residual{' '}
      {num(a.relativeResidual[last])} and {num(b.relativeResidual[last])}.
    </>
  );
}
