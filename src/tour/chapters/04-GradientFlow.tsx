import type { DepthSweepParams } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { depthRows, rowAtDepth, sameSweep, VANISHED } from '../../analysis/depthRows';
import { firstOverLast } from '../../analysis/statistics';
import { num } from '../../views/format';
import { gapSentence } from '../../views/lab/depthGap';
import { initName } from '../../views/lab/names';
import { useTourTraces } from '../useTourTraces';
import { useRecall, useRemember } from '../memory';
import { TryThis, type Outcome } from '../TryThis';
import { TourDepth } from '../views/TourDepth';
import { TourGradient } from '../views/TourGradient';
import { useTrainingRecord } from '../../views/trainingRecord';
import { endPointVerdict, speedVerdict } from '../lossVerdict';
import { depthNeedVerdict } from '../depthNeed';
import { baseSetup, type Chapter } from '../chapter';
import { gradientOnReal } from '../realVerdicts';
import { useTourRealTraces } from '../useTourRealTraces';
import { NowOnReal } from '../views/NowOnReal';
import { RealGradChart } from '../views/RealGradChart';
import '../tour.css';

/** The sweep this chapter runs: shallow and deep pre-LN stacks, briefly trained, the stack
 * without skips from its own init and from GPT-2's, so the init's part of the gap shows. */
export const TOUR_SWEEP: DepthSweepParams = {
  layers: [2, 4, 16],
  norm: 'pre',
  trainSteps: 20,
  seed: 1,
  compareInit: 'gpt2',
};

/** Chapter 4, claim 3: skips give the gradient a direct way back down. */
function GradientFlow() {
  const lt = useTourTraces();
  const source = useApp((s) => s.source);
  const text = useApp((s) => s.text);
  const sweep = useApp((s) => s.depthSweep);
  const applyExplorer = useApp((s) => s.applyExplorer);
  const engine = useApp((s) => s.engine);
  const offMode = useApp((s) => s.offMode);
  const recall = useRecall();
  const record = useTrainingRecord();
  const residualRecord = record?.models.find((m) => m.id === 'residual');
  const plainRecord = record?.models.find((m) => m.id === 'plain');
  const onEnd = lt.on.trace?.end;
  const offEnd = lt.off.trace?.end;
  const rOn = onEnd ? firstOverLast(onEnd.streamGradNorms) : NaN;
  const rOff = offEnd ? firstOverLast(offEnd.streamGradNorms) : NaN;
  useRemember(source === 'trained' ? `grad-off|trained|${text}` : null, offEnd ? rOff : null);
  useRemember(source === 'init' ? `grad-off|init|${text}` : null, offEnd ? rOff : null);
  const trainedOff = recall(`grad-off|trained|${text}`);

  const real = useTourRealTraces();
  const realOn = real?.on ? firstOverLast(real.on.end.streamGradNorms) : NaN;
  const realOff = real?.off ? firstOverLast(real.off.end.streamGradNorms) : NaN;
  // Against our trained pair, "off" being the model trained without skips, as the chapter opens.
  const smallShown = source === 'trained' && offMode === 'trained' && !!onEnd && !!offEnd;
  const realVerdict =
    real && smallShown && [rOn, rOff, realOn, realOff].every(Number.isFinite)
      ? gradientOnReal(real.name, { on: rOn, off: rOff }, { on: realOn, off: realOff }, real.alpha)
      : null;
  const realBoth = Number.isFinite(realOn) && Number.isFinite(realOff);

  const untrained: Outcome | null =
    source === 'init' && onEnd && offEnd && Number.isFinite(rOff)
      ? {
          holds: rOff > VANISHED,
          text:
            rOff > VANISHED ? (
              <>
                You should now see no plunge at the left end: before training, the embedding gets{' '}
                {num(rOff)} of the top’s gradient without skips ({num(rOn)} with). At this depth,
                with a LayerNorm in front of every sublayer, the gradient has not vanished yet
                {trainedOff !== undefined && trainedOff < rOff
                  ? ` — training took it from ${num(rOff)} down to ${num(trainedOff)}.`
                  : '.'}
              </>
            ) : (
              <>
                Here it has already vanished before training: the embedding gets {num(rOff)} of the
                top’s gradient without skips ({num(rOn)} with).
              </>
            ),
          values: { on: num(rOn), off: num(rOff) },
        }
      : null;

  const rows =
    sweep.status === 'done' &&
    sameSweep(sweep.params, TOUR_SWEEP) &&
    sweep.runs.on &&
    sweep.runs.off
      ? depthRows(sweep.runs.on, sweep.runs.off)
      : [];
  const shallow = rowAtDepth(rows, lt.L)!;
  const deep = rows[rows.length - 1];
  const onValues = rows.flatMap((r) => [r.onInit, r.onTrained]);
  const swept: Outcome | null =
    sweep.status === 'error' && sameSweep(sweep.params, TOUR_SWEEP)
      ? { holds: false, text: `The sweep stopped: ${sweep.error}`, values: {} }
      : rows.length >= 2
        ? {
            holds:
              deep.offInit < VANISHED &&
              shallow.offInit > VANISHED &&
              shallow.offTrained < VANISHED &&
              onValues.every((v) => v > 0.1 && v < 10),
            text: (
              <>
                Without skips (from {initName(shallow.offScheme)} init), a {shallow.layers}-layer
                stack
                {shallow.layers === lt.L ? ', as deep as ours,' : ''} starts with{' '}
                {num(shallow.offInit)} of the gradient reaching its bottom and is down to{' '}
                {num(shallow.offTrained)} after {TOUR_SWEEP.trainSteps} training steps; a{' '}
                {deep.layers}-layer stack has {num(deep.offInit)} before any training and{' '}
                {num(deep.offTrained)} after. With skips (from {initName(shallow.onScheme)} init),
                every stack keeps between {num(Math.min(...onValues))} and{' '}
                {num(Math.max(...onValues))}. {gapSentence(deep, sweep.runs.off ?? [])}
              </>
            ),
            values: {
              shallowLayers: shallow.layers,
              shallowInit: num(shallow.offInit),
              shallowTrained: num(shallow.offTrained),
              deepLayers: deep.layers,
              deepInit: num(deep.offInit),
              deepTrained: num(deep.offTrained),
              onMin: num(Math.min(...onValues)),
              onMax: num(Math.max(...onValues)),
            },
          }
        : null;

  return (
    <>
      <p>
        The third claim is about training. Every weight is adjusted in the direction that lowers the
        loss, by an amount set by the gradient, which is passed backward from the output through one
        sublayer after another. If it shrinks at every sublayer on the way down, the first layers
        hear almost nothing and barely learn: the vanishing gradient problem.
      </p>
      <p>
        A skip gives the backward pass a way around each sublayer. Since x<sub>after</sub> = x +
        f(x), whatever gradient arrives above the sublayer is passed straight down to x, plus
        whatever also comes back through f. Without the skip, it all has to come back through f.
      </p>
      {source === 'trained' && onEnd && offEnd && Number.isFinite(rOff) && (
        <p className="tour-verdict" data-testid="grad-verdict">
          On the two trained models and this sentence, the embedding receives {num(rOn)} times the
          gradient that arrives after the last sublayer with skips, and {num(rOff)} times it without
          {rOff < VANISHED ? ' — for practical purposes, nothing.' : '.'}
          {rOn > 1 &&
            ' (A ratio above 1 is no paradox: each LayerNorm divides by the length of the stream, which is shorter near the bottom.)'}
        </p>
      )}
      <TourGradient />
      <TryThis
        id="grad-init"
        action="Show the same two models before training"
        expect="If leaving out the skips were enough to starve the bottom layers, the untrained model without skips would already be starved. Our prediction: at this depth, not yet."
        done={source === 'init'}
        // A fresh lesions array makes the engine bridge trace again (it does not yet listen to the source).
        run={() => applyExplorer({ source: 'init', lesions: [] })}
        outcome={untrained}
      />
      <p>
        Where does the gradient go, then? A depth sweep looks at three suspects, depth, training
        itself and the starting weights: it builds fresh stacks of several depths, measures how much
        gradient reaches the bottom, trains each for a few steps, and measures again. Each network
        starts from the init made for it (GPT-2’s with skips, Xavier’s without), and the stack
        without skips is built a second time from GPT-2’s init, so the init’s part of any gap can be
        told from the skips’.
      </p>
      <TryThis
        id="grad-sweep"
        action={`Build ${TOUR_SWEEP.layers.join(', ')}-layer stacks and train each for ${TOUR_SWEEP.trainSteps} steps`}
        expect="Without skips, a deep stack should be starved from the start, and a shallow one within a few training steps. With skips, neither."
        done={sameSweep(sweep.params, TOUR_SWEEP) && sweep.status !== 'idle'}
        run={() => {
          if (!(sameSweep(sweep.params, TOUR_SWEEP) && sweep.status === 'running'))
            engine?.startDepthSweep(TOUR_SWEEP);
        }}
        outcome={swept}
      />
      <TourDepth id="tour-depth" params={TOUR_SWEEP} />
      <p className="tour-verdict" data-testid="grad-training">
        What did the skips buy our own pair, trained to the end?{' '}
        {residualRecord && plainRecord && record ? (
          <>
            {speedVerdict(residualRecord, plainRecord)}
            {endPointVerdict(residualRecord, plainRecord, record.references)}
          </>
        ) : (
          'Reading the training record…'
        )}{' '}
        {rows.length >= 2
          ? depthNeedVerdict(deep, TOUR_SWEEP.trainSteps)
          : 'The sweep above shows what changes with depth.'}
      </p>
      {real && (
        <NowOnReal
          id="grad"
          real={real}
          measure={`The same ratio, ‖∂L/∂x‖ at the embedding over that after the last sublayer, with ${real.name}’s own skips and with them weakened to α = ${num(real.alpha)} now: it has no twin trained without them.`}
          verdict={realVerdict}
          waiting={
            realBoth && !smallShown
              ? 'Show our trained pair again, the one without skips as it was trained, to compare.'
              : null
          }
          values={{
            ...(realBoth && { realOn, realOff }),
            ...(smallShown && { smallOn: rOn, smallOff: rOff }),
          }}
        >
          <RealGradChart real={real} />
        </NowOnReal>
      )}
    </>
  );
}

export const gradientFlow: Chapter = {
  id: 'gradient-flow',
  title: 'Does the gradient get through?',
  short: 'Gradients',
  claim: 3,
  fullView: 'lab',
  setup: () => ({ ...baseSetup, stage: 0 }),
  Body: GradientFlow,
};
