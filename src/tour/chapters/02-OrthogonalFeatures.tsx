import { sublayerCount } from '../../store/positions';
import { useApp } from '../../store/store';
import { sublayerLabel } from '../../views/labels';
import { orthogonalitySummary } from '../../analysis/orthogonality';
import { num } from '../../views/format';
import { useTourTraces } from '../useTourTraces';
import { useRecall, useRemember } from '../memory';
import { TryThis, type Outcome } from '../TryThis';
import { TourCosine } from '../views/TourCosine';
import { baseSetup, type Chapter } from '../chapter';
import { ALIGNED, alignmentOnReal, RANDOM_LIKE } from '../realVerdicts';
import { useTourRealTraces } from '../useTourRealTraces';
import { NowOnReal } from '../views/NowOnReal';
import { RealOrthoChart } from '../views/RealOrthoChart';
import '../tour.css';

/** Chapter 2, claim 1: do sublayers write roughly orthogonal features? */
function OrthogonalFeatures() {
  const lt = useTourTraces();
  const source = useApp((s) => s.source);
  const text = useApp((s) => s.text);
  const applyExplorer = useApp((s) => s.applyExplorer);
  const recall = useRecall();
  const end = lt.on.trace?.end;
  const o = end ? orthogonalitySummary(end, lt.S) : null;
  useRemember(`ortho|${source}|${text}`, o?.meanAbs);
  const trainedMean = source === 'trained' ? o?.meanAbs : recall(`ortho|trained|${text}`);
  const times = o ? o.meanAbs / o.random : NaN;
  const trainedTimes = o && trainedMean !== undefined ? trainedMean / o.random : NaN;
  const real = useTourRealTraces();
  const realOn = real?.on;
  const oReal = realOn
    ? orthogonalitySummary(realOn.end, sublayerCount(realOn.start.nLayers))
    : null;
  const realFigures =
    realOn && oReal
      ? { meanAbs: oReal.meanAbs, random: oReal.random, dModel: realOn.start.dModel }
      : null;
  const smallFigures =
    o && trainedMean !== undefined
      ? { meanAbs: trainedMean, random: o.random, dModel: lt.C }
      : null;
  const realVerdict =
    real && realFigures && smallFigures
      ? alignmentOnReal(real.name, smallFigures, realFigures)
      : null;
  const pair = o?.top
    ? `${sublayerLabel(o.top.i)} and ${sublayerLabel(o.top.j)}`
    : 'the most aligned pair';

  const untrained: Outcome | null =
    o && source === 'init'
      ? {
          holds: times < RANDOM_LIKE,
          text:
            times < RANDOM_LIKE ? (
              <>
                You should now see a map that is nearly white: before training, two sublayers’
                changes have a mean |cosine| of {num(o.meanAbs)}, against {num(o.random)} for random
                vectors. Near-orthogonality is where this model started.
                {trainedMean !== undefined &&
                  ` Training moved it away from there, to ${num(trainedMean)}.`}
              </>
            ) : (
              <>
                Even before training the changes are {num(times)} times as aligned as random vectors
                (mean |cosine| {num(o.meanAbs)} against {num(o.random)}).
              </>
            ),
          values: { meanAbs: num(o.meanAbs), random: num(o.random) },
        }
      : null;

  return (
    <>
      <p>
        The first claim: since a sublayer adds to the stream instead of overwriting it, it is free
        to write something new, and what it writes tends to point roughly at right angles to what is
        already there. New features would then sit beside the old ones without smudging them.
      </p>
      <p>
        That can be measured. For each pair of sublayers, take the two changes they write for the
        same word and compute the cosine of the angle between them: 0 for a right angle, 1 for the
        same direction, −1 for opposite ones. Even two random directions are rarely at exactly 90°:
        in {lt.C > 0 ? lt.C : 'our'} dimensions their |cosine| is {num(o?.random)} on average. So if
        the claim held, the map below would be nearly white, with |cosine| close to that.
      </p>
      {source === 'trained' && o && (
        <p className="tour-verdict" data-testid="ortho-verdict" data-mean={num(o.meanAbs)}>
          {times > ALIGNED ? (
            <>
              <strong>On our trained model it does not hold as stated.</strong> Two different
              sublayers’ changes have a mean |cosine| of {num(o.meanAbs)}, {num(times)} times the
              random level, and the most aligned pair, {pair},{' '}
              {(o.top?.v ?? 0) > 0.5 ? 'point largely the same way' : 'is only moderately aligned'}{' '}
              (cosine {num(o.top?.v)}).
            </>
          ) : (
            <>
              <strong>On our trained model it holds.</strong> Two different sublayers’ changes have
              a mean |cosine| of {num(o.meanAbs)}, close to the random level of {num(o.random)}.
            </>
          )}
        </p>
      )}
      <TourCosine />
      <TryThis
        id="ortho-init"
        action="Show the same model before training"
        expect="With random weights, nothing makes two sublayers agree: their changes should be as unrelated as random vectors."
        done={source === 'init'}
        // A fresh lesions array makes the engine bridge trace again (it does not yet listen to the source).
        run={() => applyExplorer({ source: 'init', lesions: [] })}
        outcome={untrained}
      />
      {source === 'init' && (
        <p>
          <button
            type="button"
            className="tour-button tour-link-button"
            onClick={() => applyExplorer({ source: 'trained', lesions: [] })}
          >
            Back to the trained model
          </button>
        </p>
      )}
      <p>
        The skip connection makes room for sublayers to add independent features; it does not make
        them do so.{' '}
        {trainedTimes > ALIGNED
          ? `In a model this small, with only ${lt.C} dimensions to share, several sublayers end up pushing along the same few directions — a perfectly good way to strengthen a feature the model needs.`
          : trainedTimes <= ALIGNED
            ? 'Here, though, the trained sublayers do keep to directions of their own.'
            : ''}
      </p>
      {real && (
        <NowOnReal
          id="ortho"
          real={real}
          measure={`The same measure: the mean |cosine| between two different sublayers’ writes for the same word, against that of random directions in ${realOn?.start.dModel ?? 'its'} dimensions.`}
          verdict={realVerdict}
          waiting={
            oReal && trainedMean === undefined
              ? 'Show the trained small model again to compare.'
              : null
          }
          values={{
            ...(oReal && { realMeanAbs: oReal.meanAbs, realRandom: oReal.random }),
            ...(trainedMean !== undefined &&
              o && { smallMeanAbs: trainedMean, smallRandom: o.random }),
          }}
        >
          {realFigures && (
            <RealOrthoChart name={real.name} real={realFigures} small={smallFigures} />
          )}
        </NowOnReal>
      )}
    </>
  );
}

export const orthogonalFeatures: Chapter = {
  id: 'orthogonal-features',
  title: 'Does each sublayer write in a new direction?',
  short: 'Directions',
  claim: 1,
  fullView: 'lab',
  setup: () => ({ ...baseSetup, stage: 0 }),
  Body: OrthogonalFeatures,
};
