import { useApp } from '../../store/store';
import { ChartFrame, ChartPending } from '../../views/chart/ChartFrame';
import { CosineHeatmap } from '../../views/chart/CosineHeatmap';
import { sublayerLabel, sublayerTick } from '../../views/labels';
import { orthogonalitySummary } from '../../analysis/orthogonality';
import { num } from '../../views/format';
import { SOURCE_NAMES } from '../../views/lab/names';
import { TRACING_NOTE, useLabTraces } from '../../views/lab/useLabTraces';
import '../../views/chart/chart.css';

/** Claim 1: the cosine between what each pair of sublayers writes, for the model with skips. */
export function TourCosine() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  const end = lt.on.trace?.end;
  const o = end ? orthogonalitySummary(end, lt.S) : null;
  const frame = { id: 'tour-ortho', title: 'Cosine between what each pair of sublayers writes' };
  if (!end || !o) return <ChartPending {...frame} note={TRACING_NOTE} />;
  const summary = `Mean |cos| between what two different sublayers write, with skips, on ${SOURCE_NAMES[source]}: ${num(o.meanAbs)}; random vectors in d = ${lt.C}: ${num(o.random)}. Most aligned pair: ${o.top ? `${sublayerTick(o.top.i)} and ${sublayerTick(o.top.j)} (cos ${num(o.top.v)})` : '—'}.`;
  return (
    <ChartFrame
      {...frame}
      summary={summary}
      caption={
        <>
          Row i, column j: the cosine between f<sub>i</sub>(x) and f<sub>j</sub>(x), averaged over
          the words of the sentence. White is “unrelated”, blue “same direction”, red “opposite”;
          the grey diagonal is each sublayer with itself. The key marks the level random vectors
          reach.
        </>
      }
    >
      <CosineHeatmap
        values={end.contributionCosine}
        n={lt.S}
        tick={sublayerTick}
        describe={(i, j) => `${sublayerLabel(i)} × ${sublayerLabel(j)}`}
        baseline={end.randomAbsCosine}
        testId="tour-ortho-map"
      />
    </ChartFrame>
  );
}
