import { lastStage } from '../../store/positions';
import { decompositionAt } from '../../analysis/decomposition';
import { depthRows, gapParts, rowAtDepth, sameSweep, VANISHED } from '../../analysis/depthRows';
import { gapSentence } from '../../views/lab/depthGap';
import { initName } from '../../views/lab/names';
import { outputGuesses } from '../../analysis/lensOutput';
import { lesionMeasure } from '../../analysis/lesionCost';
import { orthogonalitySummary } from '../../analysis/orthogonality';
import { collapsePoint } from '../../analysis/rankCollapse';
import { argMax } from '../../analysis/statistics';
import { f2, listed, num, pct, signed, thousands } from '../../views/format';
import { slotFor, type DepthSweepParams } from '../../store/labSlice';
import { pointStage } from '../../store/positions';
import { useApp } from '../../store/store';
import { pointLabel, sublayerLabel } from '../../views/labels';
import { useTourTraces } from '../useTourTraces';
import { useExplorer } from '../../views/useExplorer';
import { useRecall, useRemember } from '../memory';
import { TryThis, type Outcome } from '../TryThis';
import { useTrainingRecord } from '../../views/trainingRecord';
import { pairVerdict } from '../lossVerdict';
import { depthNeedVerdict } from '../depthNeed';
import { TourCollapse } from '../views/TourCollapse';
import { TourDepth } from '../views/TourDepth';
import { TOUR_SWEEP } from './04-GradientFlow';
import { baseSetup, type Chapter } from '../chapter';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const NO_NORM_SWEEP: DepthSweepParams = { ...TOUR_SWEEP, norm: 'none', trainSteps: 0 };

/** The init's part of a gap counts when it is at least this many orders of magnitude. */
const INIT_MATTERS = 1;

/** Chapter 6: where the numbers disagree with the four claims, or tell another story. */
function Caveats() {
  const lt = useTourTraces();
  const e = useExplorer();
  const source = useApp((s) => s.source);
  const text = useApp((s) => s.text);
  const stage = useApp((s) => s.stage);
  const sweep = useApp((s) => s.depthSweep);
  const lesionResults = useApp((s) => s.lesionResults);
  const model = useApp((s) => s.models.residual);
  const vocab = model?.vocab;
  const applyExplorer = useApp((s) => s.applyExplorer);
  const engine = useApp((s) => s.engine);
  const record = useTrainingRecord();
  const recall = useRecall();

  const onEnd = lt.on.trace?.end;
  const offEnd = lt.off.trace?.end;
  const o = onEnd ? orthogonalitySummary(onEnd, lt.S) : null;
  useRemember(source === 'trained' ? `ortho|trained|${text}` : null, o?.meanAbs);
  const initOff = recall(`grad-off|init|${text}`);
  const initMean = recall(`ortho|init|${text}`);

  /** The finished sweep's rows if it is the one the tour asked for, else none. */
  const rowsOf = (params: DepthSweepParams) =>
    sweep.status === 'done' && sameSweep(sweep.params, params) && sweep.runs.on && sweep.runs.off
      ? depthRows(sweep.runs.on, sweep.runs.off)
      : [];
  const tourRows = rowsOf(TOUR_SWEEP);
  const noNormRows = rowsOf(NO_NORM_SWEEP);

  // What the embedding still is of the final stream, for the word the views follow.
  const word = lt.on.trace?.start.words[e.token] ?? '';
  const parts = lt.on.trace ? decompositionAt(lt.on.trace, lt.P - 1, e.token) : null;
  const total = parts ? parts.reduce((a, b) => a + b, 0) : 0;
  const biggest = parts ? Math.max(1, argMax(parts)) : 1;

  const shallowRow = rowAtDepth(tourRows, lt.L);
  const shallowInit = shallowRow?.offInit ?? initOff;
  const shallowLayers = shallowRow?.layers ?? lt.L;
  const deep = tourRows.length >= 2 ? tourRows[tourRows.length - 1] : null;

  const lesions = lesionResults[slotFor('trained', true)];
  const lm = lesions ? lesionMeasure(lesions, 0.25) : null;

  const collapse = offEnd ? collapsePoint(offEnd) : -1;
  const T = lt.off.trace?.start.T ?? 0;
  const guessesOff = offEnd && vocab ? outputGuesses(offEnd, T, vocab) : null;
  const distinctOff = guessesOff ? new Set(guessesOff).size : 0;
  const last = lt.P - 1;

  const merged: Outcome | null =
    onEnd && offEnd && guessesOff && collapse >= 0 && stage === pointStage(collapse)
      ? {
          holds: distinctOff === 1 && onEnd.pairwiseCosine[last] < 0.9,
          text: (
            <>
              You should now see the orange line at the top of the chart from here on.{' '}
              {capitalised(pointLabel(collapse))}, the words’ vectors without skips already have a
              mean pairwise cosine of {num(offEnd.pairwiseCosine[collapse])} (
              {num(onEnd.pairwiseCosine[collapse])} with skips), and after the last layer{' '}
              {num(offEnd.pairwiseCosine[last])}.{' '}
              {distinctOff === 1
                ? `So the model without skips makes the same guess, “${guessesOff[0]}”, after every word of the sentence.`
                : `The model without skips still makes ${distinctOff} different guesses across the sentence.`}
            </>
          ),
          values: {
            point: collapse,
            offAtPoint: num(offEnd.pairwiseCosine[collapse]),
            offLast: num(offEnd.pairwiseCosine[last]),
            onLast: num(onEnd.pairwiseCosine[last]),
            guessesOff: guessesOff.join(' '),
          },
        }
      : null;

  const noNormOff = sweep.runs.off ?? [];
  const noNorm: Outcome | null =
    noNormRows.length >= 2
      ? (() => {
          const r = rowAtDepth(noNormRows, lt.L)!;
          const d = noNormRows[noNormRows.length - 1];
          const parts = gapParts(r, noNormOff);
          return {
            holds: r.offInit < r.onInit / 10 && !!parts && parts.init >= INIT_MATTERS,
            text: (
              <>
                With no LayerNorm, before any training, a {r.layers}-layer stack without skips (
                {initName(r.offScheme)} init) passes {num(r.offInit)} of its gradient down to the
                embedding ({num(d.offInit)} at {d.layers} layers); with skips (
                {initName(r.onScheme)} init), {num(r.onInit)} and {num(d.onInit)}.{' '}
                {gapSentence(r, noNormOff)}
              </>
            ),
            values: {
              layers: r.layers,
              offInit: num(r.offInit),
              onInit: num(r.onInit),
              comparedInit: num(parts?.comparedInit),
            },
          };
        })()
      : null;

  const residualRecord = record?.models.find((m) => m.id === 'residual');
  const plainRecord = record?.models.find((m) => m.id === 'plain');

  return (
    <>
      <p>
        Four claims, four measurements. Here is where the numbers disagreed with the story, or told
        a different one.
      </p>
      <h3>
        Orthogonal features
        {o ? (o.meanAbs / o.random > 2 ? ': not in this model' : ': they held') : ''}
      </h3>
      <p data-testid="caveat-ortho">
        {o ? (
          <>
            In the trained model two sublayers’ changes have a mean |cosine| of {num(o.meanAbs)},{' '}
            {num(o.meanAbs / o.random)} times what random directions give ({num(o.random)}), and the
            most aligned pair reaches {num(o.top?.v)}.
            {initMean !== undefined && ` Before training it was ${num(initMean)}.`}{' '}
            {o.meanAbs / o.random > 2
              ? 'Skips leave room for independent features; training did not fill it with them here.'
              : 'Here the trained sublayers do write roughly independent directions.'}
          </>
        ) : (
          'Being measured…'
        )}
      </p>
      <h3>Accumulation: what stays visible</h3>
      <p data-testid="caveat-embedding">
        {parts && total > 0 ? (
          <>
            With skips nothing is overwritten: every part stays in the sum. But for “{word}” the
            embedding makes up {f2(parts[0])} of a final length of {f2(total)} (
            {pct(parts[0] / total)}){parts[0] < 0 ? ', pointing slightly against it' : ''}, while{' '}
            {sublayerLabel(biggest - 1)} alone contributes {f2(parts[biggest])}.{' '}
            {Math.abs(parts[0] / total) < 0.05
              ? 'Low-level features are kept in the letter of the claim, yet the raw embedding is a sliver of what the output layer reads.'
              : 'The embedding stays a visible part of what the output layer reads.'}
          </>
        ) : (
          'Being measured…'
        )}
      </p>
      <h3>Vanishing gradients: when, and why</h3>
      <p data-testid="caveat-gradients">
        {shallowInit === undefined
          ? 'Chapter 4 measures whether a stack without skips starves its first layers of gradient before training, and after; run its depth sweep and this paragraph will quote the numbers.'
          : shallowInit > VANISHED
            ? `With a LayerNorm in front of every sublayer, as in our model, a shallow stack without skips does not starve its first layers before training: at ${shallowLayers} layers the embedding gets ${num(shallowInit)} of the top’s gradient.`
            : `Even before training, a ${shallowLayers}-layer stack without skips starves its first layers: the embedding gets ${num(shallowInit)} of the top’s gradient.`}{' '}
        {deep &&
          (deep.offInit < VANISHED && shallowRow!.offTrained < VANISHED
            ? `What starves it is depth (${num(deep.offInit)} at ${deep.layers} layers, untrained) and training itself (${num(shallowRow!.offTrained)} at ${shallowRow!.layers} layers after ${TOUR_SWEEP.trainSteps} steps).`
            : `At ${deep.layers} layers, untrained, it gets ${num(deep.offInit)}; at ${shallowRow!.layers} layers after ${TOUR_SWEEP.trainSteps} steps, ${num(shallowRow!.offTrained)}. ${depthNeedVerdict(deep, TOUR_SWEEP.trainSteps)}`)}
      </p>
      {deep && (
        <p data-testid="caveat-init">
          {gapSentence(deep, sweep.runs.off ?? []) ??
            'Chapter 4’s sweep also builds the stack without skips from GPT-2’s init; run it to see the init’s part of the gap.'}
        </p>
      )}
      <p>
        What part do the LayerNorm and the init play in that? Take the LayerNorm away, and build the
        stack without skips from both inits again:
      </p>
      <TryThis
        id="caveat-no-norm"
        action="Build the same stacks with no LayerNorm"
        expect="Without LayerNorm, the stack without skips should pass far less gradient down than the one with skips before training starts, and far less again from GPT-2’s init than from its own."
        done={sameSweep(sweep.params, NO_NORM_SWEEP) && sweep.status !== 'idle'}
        run={() => {
          if (!(sameSweep(sweep.params, NO_NORM_SWEEP) && sweep.status === 'running'))
            engine?.startDepthSweep(NO_NORM_SWEEP);
        }}
        outcome={
          sweep.status === 'error' && sameSweep(sweep.params, NO_NORM_SWEEP)
            ? { holds: false, text: `The sweep stopped: ${sweep.error}`, values: {} }
            : noNorm
        }
      />
      {sameSweep(sweep.params, NO_NORM_SWEEP) && (
        <TourDepth id="tour-depth-no-norm" params={NO_NORM_SWEEP} />
      )}
      <h3>
        Rank collapse
        {offEnd ? (collapse >= 0 ? ': the words merge' : ': not in this model') : ''}
      </h3>
      <p>
        Attention mixes each word’s vector with those of the words before it. With a skip, each
        word’s own vector is carried past the mixing; without one, nothing is, and repeated mixing
        can drive the words toward a single shared vector (“rank collapse”). A model whose words all
        hold the same vector must make the same guess after every word, whatever the sentence says.
        Whether it happens depends on the weights: the view below measures it.
      </p>
      <TourCollapse />
      {collapse >= 0 ? (
        <TryThis
          id="caveat-collapse"
          action={`Step to ${pointLabel(collapse).replace(/^after /, 'just after ')}`}
          expect="Without skips, the words’ vectors should already point the same way here; with skips, they should not."
          done={stage === pointStage(collapse)}
          run={() => applyExplorer({ stage: pointStage(collapse), playing: false })}
          outcome={merged}
        />
      ) : (
        offEnd && (
          <p data-testid="caveat-no-collapse">
            On this sentence the words of the model without skips never all point the same way (mean
            pairwise cosine {num(offEnd.pairwiseCosine[last])} after the last layer).
          </p>
        )
      )}
      <p data-testid="caveat-losses">
        {residualRecord && plainRecord && record
          ? pairVerdict(residualRecord, plainRecord, record.references)
          : 'Reading the training record…'}
      </p>
      <h3>
        Stepping aside
        {lm && lm.expensive.length === 1
          ? ': with one exception'
          : lm && lm.expensive.length > 1
            ? ': with exceptions'
            : ''}
      </h3>
      <p data-testid="caveat-lesions">
        {lm && lm.expensive.length > 0 ? (
          <>
            {lm.cheap.length} of the {lm.increases.length} sublayers can go one at a time for at
            most {signed(lm.maxCheap)} nats per word, but not{' '}
            {listed(lm.expensive.map((k) => `${sublayerLabel(k)} (${signed(lm.increases[k])})`))}: a
            sublayer that everything above has learned to read is not an optional extra, skip or no
            skip.
          </>
        ) : lm ? (
          'In the lesion sweep of chapter 5 every single sublayer could go at little cost.'
        ) : (
          'Chapter 5’s lesion sweep shows which sublayers the model can do without, and which it cannot.'
        )}
      </p>
      <h3>How far this goes</h3>
      <p>
        All of this is one small model: {model?.nLayers ?? '—'} layers, {model?.dModel ?? '—'}{' '}
        dimensions, {model ? thousands(model.parameterCount) : '—'} parameters, trained
        {residualRecord && plainRecord
          ? ` for ${residualRecord.steps.toLocaleString('en-US')} steps with skips and ${plainRecord.steps.toLocaleString('en-US')} without`
          : ''}{' '}
        from one random seed on sentences from a small made-up grammar. Large models differ in many
        ways, and a number that holds here may not hold there. What you can take away is the
        mechanism — and you can test it yourself: the lab trains a pair of your own, at the depth
        and settings you choose.
      </p>
    </>
  );
}

export const caveats: Chapter = {
  id: 'caveats',
  title: 'What the numbers did not show',
  short: 'Caveats',
  fullView: 'lab',
  setup: (L) => ({ ...baseSetup, stage: lastStage(L) }),
  Body: Caveats,
};
