import { LabSection } from './LabSection';
import { sublayerCount } from '../../store/positions';
import { useApp } from '../../store/store';
import { BarChart } from '../chart/BarChart';
import { ChartFrame, ChartPending, SeriesLegend } from '../chart/ChartFrame';
import { CosineHeatmap } from '../chart/CosineHeatmap';
import { sublayerLabel, sublayerTick } from '../labels';
import { largestPair, meanOffDiagonal } from '../../analysis/orthogonality';
import { finiteMean } from '../../analysis/statistics';
import { num } from '../format';
import { TRACING_NOTE, useLabTraces, type LabChannelView } from './useLabTraces';
import { useLabModel } from './useLabModel';
import './lab.css';
import '../chart/chart.css';

/** Claim 1: does each sublayer write a direction of its own? */
export function OrthogonalitySection() {
  return (
    <LabSection
      id="lab-ortho"
      title="1 · Do layers add orthogonal features?"
      embed="orthogonality"
      gridClass="card-grid ortho-grid"
      claim={
        <>
          The claim: each layer adds new features “roughly orthogonal to the existing ones”. If so,
          what two different sublayers write, f<sub>i</sub>(x) and f<sub>j</sub>(x), should point in
          unrelated directions: cosine near 0, as for random vectors.
        </>
      }
    >
      <CosinePanel />
      <VsStreamPanel />
    </LabSection>
  );
}

function CosinePanel() {
  const lt = useLabTraces();
  const source = useApp((s) => s.source);
  // GPT-2 has no untrained twin, and the dark block below is the small trained model's.
  const real = useLabModel().real !== null;
  const stats = (ch: LabChannelView) => {
    const tr = ch.trace;
    if (!tr) return null;
    const { end } = tr;
    const n = sublayerCount(tr.start.nLayers);
    return {
      end,
      n,
      meanAbs: meanOffDiagonal(end.contributionAbsCosine, n),
      top: largestPair(end.contributionCosine, n),
      random: end.randomAbsCosine,
    };
  };
  const on = stats(lt.on);
  const off = stats(lt.off);
  const pair = (p: { i: number; j: number; v: number } | null | undefined) =>
    p ? `${sublayerTick(p.i)} and ${sublayerTick(p.j)} (cos ${num(p.v)})` : '—';
  const frame = {
    id: 'ortho',
    current: lt.point,
    title: 'Cosine between what different sublayers write',
  };
  if (!on || !off) {
    return (
      <div className="ortho-maps">
        <ChartPending {...frame} note={TRACING_NOTE} />
      </div>
    );
  }
  const random = on.random;
  const summary = `Mean |cos| between the contributions of different sublayers: ${num(on.meanAbs)} ${lt.on.name}, ${num(off.meanAbs)} ${lt.off.name}; random vectors in d = ${lt.C}: ${num(random)}. Most aligned pair ${lt.on.name}: ${pair(on.top)}; ${lt.off.name}: ${pair(off.top)}.`;
  const times = on.meanAbs / random;
  const verdict =
    times > 2 ? (
      <>
        <strong>Here the claim does not hold as stated.</strong> With skips the contributions are{' '}
        {num(times)}× as aligned as random vectors (mean |cos| {num(on.meanAbs)} against{' '}
        {num(random)}
        ), and the most aligned pair, {pair(on.top)}, points largely the same way.
        {source === 'trained' && !real ? ' Look for the dark blue block among the later MLPs.' : ''}
      </>
    ) : (
      <>
        Here the contributions are about as unrelated as random vectors (mean |cos|{' '}
        {num(on.meanAbs)} against {num(random)}).
        {source === 'init' && !real
          ? ' That is what untrained weights give: orthogonality at this level owes nothing to learning.'
          : ''}
      </>
    );
  return (
    <div className="ortho-maps">
      <ChartFrame
        {...frame}
        summary={summary}
        caption={
          <>
            Each cell is cos(f<sub>i</sub>(x), f<sub>j</sub>(x)) averaged over the words of the
            sentence: blue where two sublayers write the same direction, red where opposite, white
            where unrelated. The grey diagonal is a sublayer with itself. {verdict}{' '}
            {real ? (
              <>There is no untrained GPT-2 to compare with here.</>
            ) : (
              <>
                Under <em>Models</em>, “At initialisation” compares the same two architectures
                untrained, to see whether any alignment was there before training.
              </>
            )}
          </>
        }
      >
        <div className="two-up">
          {lt.ordered.map((ch) => {
            const st = ch === lt.on ? on : off;
            return (
              <div key={ch.name} className="heatmap-cell">
                <h4 className="lab-subhead" style={{ borderColor: ch.color }}>
                  {ch.name}
                  <span className="lab-subhead-note"> mean |cos| {num(st.meanAbs)}</span>
                </h4>
                <CosineHeatmap
                  values={st.end.contributionCosine}
                  n={st.n}
                  tick={sublayerTick}
                  describe={(i, j) => `${sublayerLabel(i)} × ${sublayerLabel(j)}`}
                  highlight={lt.sublayer}
                  baseline={st.random}
                  testId={`ortho-map-${ch === lt.on ? 'on' : 'off'}`}
                />
              </div>
            );
          })}
        </div>
      </ChartFrame>
    </div>
  );
}

function VsStreamPanel() {
  const lt = useLabTraces();
  const series = lt.measureSeries((end) => end.contributionVsStream, lt.S);
  const onV = lt.on.trace?.end.contributionVsStream;
  const offV = lt.off.trace?.end.contributionVsStream;
  const random = lt.on.trace?.end.randomAbsCosine;
  const frame = {
    id: 'ortho-stream',
    current: lt.point,
    title: 'Does a sublayer write across the stream or along it?',
  };
  if (!onV || !offV) return <ChartPending {...frame} note={TRACING_NOTE} />;
  return (
    <ChartFrame
      {...frame}
      summary={`Mean cos(f(x), x) over sublayers: ${num(finiteMean(onV))} ${lt.on.name} (from ${num(Math.min(...onV))} to ${num(Math.max(...onV))}), ${num(finiteMean(offV))} ${lt.off.name} (from ${num(Math.min(...offV))} to ${num(Math.max(...offV))}).`}
      legend={<SeriesLegend series={series} />}
      caption={
        <>
          cos(f<sub>k</sub>(x), x<sub>k</sub>): each contribution against the stream it reads. Near
          0 (within ±{num(random)}, the random level) it writes a new direction; negative, it erases
          part of what is there; positive, it reinforces it. Without skips the stream is replaced,
          so this only says how the output relates to the input.
        </>
      }
    >
      <BarChart
        series={series}
        n={lt.S}
        tick={sublayerTick}
        name={sublayerLabel}
        xLabel="sublayer"
        yLabel="cos(f(x), x)"
        highlight={lt.sublayer}
        valueFormat={num}
      />
    </ChartFrame>
  );
}
