import { lastStage } from '../../store/positions';
import { useApp } from '../../store/store';
import { sublayerLabel } from '../../views/labels';
import { outputHits } from '../../analysis/lensOutput';
import { lesionMeasure } from '../../analysis/lesionCost';
import { extremum } from '../../analysis/statistics';
import { count, listed, num, signed } from '../../views/format';
import { useTourTraces } from '../useTourTraces';
import { LensPanel } from '../../views/panels/LensPanel';
import { lesionSweepBusy, lesionSweepError, slotFor } from '../../store/labSlice';
import { useRecall, useRemember } from '../memory';
import { TryThis, type Outcome } from '../TryThis';
import { TourLesionToggles } from '../views/TourLesionToggles';
import { TourLesions } from '../views/TourLesions';
import { baseSetup, type Chapter } from '../chapter';
import { loudRemovalVerdict } from '../loudRemoval';
import { CHEAP, quietOnReal, removalFigures, removalOnReal } from '../realVerdicts';
import { useTourRealTraces } from '../useTourRealTraces';
import { NowOnReal } from '../views/NowOnReal';
import { RealQuietChart } from '../views/RealQuietChart';
import '../tour.css';

/** Chapter 5, claim 4: with x + f(x) a sublayer can pass the stream on by writing little. */
function IdentityMapping() {
  const lt = useTourTraces();
  const source = useApp((s) => s.source);
  const text = useApp((s) => s.text);
  const lesions = useApp((s) => s.lesions);
  const results = useApp((s) => s.lesionResults);
  const busy = useApp((s) => lesionSweepBusy(s, 'source'));
  const applyExplorer = useApp((s) => s.applyExplorer);
  const engine = useApp((s) => s.engine);
  const recall = useRecall();
  const S = lt.S;
  const onEnd = lt.on.trace?.end;
  const ratio = onEnd?.contributionRatio;
  // Measured with nothing removed (a removed sublayer's ratio is 0), and remembered after.
  const quietNow = ratio && lesions.length === 0 ? extremum(ratio, 'min') : null;
  const loudNow = ratio && lesions.length === 0 ? extremum(ratio, 'max') : null;
  const key = `${source}|${text}`;
  useRemember(`quiet-k|${key}`, quietNow?.k);
  useRemember(`quiet-v|${key}`, quietNow?.v);
  useRemember(`loud-k|${key}`, loudNow?.k);
  useRemember(`loud-v|${key}`, loudNow?.v);
  const remembered = (which: 'quiet' | 'loud') => {
    const k = recall(`${which}-k|${key}`);
    const v = recall(`${which}-v|${key}`);
    return k === undefined || v === undefined ? null : { k, v };
  };
  const quiet = quietNow ?? remembered('quiet');
  const loud = loudNow ?? remembered('loud');
  const quietest = quiet?.k;
  // The sublayer that writes the most: the one the rest of this model is likeliest to build on.
  const loudest = loud?.k;

  // The loss on this sentence with nothing removed, to compare a removal against.
  const loss = onEnd?.loss;
  useRemember(lesions.length === 0 ? `loss|${source}|${text}` : null, loss);
  const intact = recall(`loss|${source}|${text}`);
  const T = lt.on.trace?.start.T ?? 0;
  const hits = onEnd && T > 1 ? outputHits(onEnd, T) : undefined;
  useRemember(lesions.length === 0 ? `hits|${source}|${text}` : null, hits);
  const intactHits = recall(`hits|${source}|${text}`);

  const real = useTourRealTraces();
  const realRatio = real?.on?.end.contributionRatio;
  // Our trained model with nothing removed: a removed sublayer's ratio is 0.
  const smallRatio = source === 'trained' && lesions.length === 0 ? ratio : undefined;
  const realVerdict =
    real && realRatio && smallRatio ? quietOnReal(real.name, smallRatio, realRatio) : null;
  // GPT-2's own lesion sweep (on English), set beside the small model's when that has run.
  const realSweep = results.gpt2;
  const realSweepProgress = useApp((s) => s.lesionProgress.gpt2);
  const realSweepError = useApp((s) => lesionSweepError(s, 'gpt2'));
  const small = results[slotFor(source, true)];
  const sweepText =
    real && realSweep
      ? small
        ? removalOnReal(real.name, small, realSweep, sublayerLabel).text
        : `In ${real.name}, ${removalFigures(realSweep, sublayerLabel)}. Remove each of the small models’ sublayers above to compare.`
      : null;

  const on = results[slotFor(source, true)];
  const off = results[slotFor(source, false)];
  const m = on ? lesionMeasure(on, CHEAP) : null;
  const mOff = off ? lesionMeasure(off, CHEAP) : null;
  const costliestK = m ? extremum(m.increases, 'max') : null;
  const costliest = costliestK
    ? { label: sublayerLabel(costliestK.k), increase: costliestK.v }
    : null;
  const swept: Outcome | null =
    m && mOff
      ? {
          holds: m.cheap.length >= S / 2,
          text: (
            <>
              {m.cheap.length >= S / 2 ? 'You should now see mostly short blue bars: ' : 'Here '}
              removing any one of {m.cheap.length} of the {S} sublayers from the model with skips
              raises its loss on held-out sentences by at most {num(m.maxCheap)} nats per word.{' '}
              {m.expensive.length > 0 &&
                `The exception${m.expensive.length > 1 ? 's are' : ' is'} ${listed(
                  m.expensive.map((k) => `${sublayerLabel(k)} (${signed(m.increases[k])})`),
                )}.`}{' '}
              Without skips, {count(mOff.expensive.length, 'removal')} cost more than {CHEAP} nats.
            </>
          ),
          values: {
            cheap: m.cheap.length,
            maxCheap: num(m.maxCheap),
            expensive: m.expensive
              .map((k) => `${sublayerLabel(k)} ${signed(m.increases[k])}`)
              .join('; '),
          },
        }
      : null;

  /** The quietest sublayer's removal should pass unnoticed; the loudest's should hurt. */
  const judged = (k: number, intact: number, loss: number) =>
    k === loudest
      ? loudRemovalVerdict(sublayerLabel(k), intact, loss, CHEAP, costliest)
      : {
          holds: loss - intact < CHEAP,
          sentence:
            loss - intact < CHEAP
              ? 'The stream went past the missing sublayer untouched, and the rest of the model barely noticed.'
              : 'On this sentence the removal does hurt.',
        };
  const removal = (k: number): Outcome | null =>
    lesions.length === 1 &&
    lesions[0] === k &&
    intact !== undefined &&
    loss !== null &&
    loss !== undefined
      ? {
          holds: judged(k, intact, loss).holds,
          text: (
            <>
              The loss on this sentence went from {num(intact)} to {num(loss)} nats per word (
              {loss >= intact ? '+' : ''}
              {num(loss - intact)}
              ). {judged(k, intact, loss).sentence}{' '}
              {hits !== undefined &&
                intactHits !== undefined &&
                `In the logit lens below, the top guess after the last layer is the word that actually follows at ${hits} of ${T - 1} positions (${hits === intactHits ? 'as many as' : intactHits} with nothing removed).`}
            </>
          ),
          values: {
            intact: num(intact),
            lesioned: num(loss),
            hits: hits ?? '',
            positions: T - 1,
          },
        }
      : null;

  return (
    <>
      <p>
        The fourth claim: with x + f(x), doing nothing is easy. A sublayer whose change f(x) is
        close to zero leaves the stream as it found it, so the network can lean on some sublayers
        and let others stay nearly idle, and information has an unobstructed path from bottom to
        top. Without the skip, doing nothing would mean learning f(x) = x exactly, which is much
        harder.
      </p>
      <p>
        How idle are our sublayers? The length of the change next to the length of the stream it
        joins, ‖f(x)‖/‖x‖, ranges in the trained model
        {quiet && loud ? (
          <>
            {' '}
            from {num(quiet.v)} ({sublayerLabel(quiet.k)}) to {num(loud.v)} ({sublayerLabel(loud.k)}
            )
          </>
        ) : (
          ' (being measured)'
        )}
        . A sublayer near the bottom of that range is close to the identity. If the claim is right,
        removing it should hardly matter.
      </p>
      <TryThis
        id="identity-sweep"
        action="Remove each sublayer in turn"
        expect="Most removals should cost little; only a sublayer that the rest of the model builds on should cost a lot."
        done={!!(on && off) || busy}
        run={() => {
          if (!busy) engine?.runLesionSweep();
        }}
        outcome={busy ? null : swept}
      />
      <TourLesions />
      {quietest !== undefined && (
        <TryThis
          id="identity-quiet"
          action={`Remove ${sublayerLabel(quietest)} from the live model`}
          expect="It changes the stream least, so the predictions should stay almost as good."
          done={lesions.length === 1 && lesions[0] === quietest}
          run={() => applyExplorer({ lesions: [quietest] })}
          outcome={removal(quietest)}
        />
      )}
      {loud && loudest !== quietest && (
        <TryThis
          id="identity-loud"
          action={`Remove ${sublayerLabel(loud.k)} instead`}
          expect={`It writes the most into the stream (‖f(x)‖/‖x‖ = ${num(loud.v)}), so every sublayer above it reads mostly what it wrote: this removal should hurt.`}
          done={lesions.length === 1 && lesions[0] === loud.k}
          run={() => applyExplorer({ lesions: [loud.k] })}
          outcome={removal(loud.k)}
        />
      )}
      <TourLesionToggles />
      <LensPanel />
      {real && (
        <NowOnReal
          id="identity"
          real={real}
          measure="How idle are its sublayers? The same ‖f(x)‖/‖x‖ of each, averaged over the words: the length of what it writes next to that of the stream it joins."
          verdict={realVerdict}
          waiting={
            realRatio && !smallRatio
              ? 'Put back what you removed from the small model to compare: a removed sublayer writes nothing.'
              : null
          }
          values={{
            ...(realRatio && { realMin: Math.min(...realRatio), realMax: Math.max(...realRatio) }),
            ...(smallRatio && {
              smallMin: Math.min(...smallRatio),
              smallMax: Math.max(...smallRatio),
            }),
          }}
        >
          {realRatio && <RealQuietChart name={real.name} ratios={realRatio} />}
          {/* The sweep measures the loaded model, as it is, on fixed windows of English: run
              again it would only repeat what it says, so the button goes once it has. Another
              model file clears the result (engineSlice), and the button is back for it. */}
          {!realSweep && (
            <p>
              <button
                type="button"
                className="tour-button"
                data-testid="real-identity-sweep-run"
                disabled={realSweepProgress !== undefined}
                onClick={() => engine?.runLesionSweep('gpt2')}
              >
                Remove each of {real.name}’s sublayers in turn, on English
              </button>{' '}
              {realSweepProgress && (
                <span className="hint">
                  {realSweepProgress.done} of {realSweepProgress.total} passes
                </span>
              )}
            </p>
          )}
          {realSweepError && !realSweepProgress && (
            <p className="inline-error" data-testid="real-identity-sweep-error">
              The sweep stopped: {realSweepError}
            </p>
          )}
          {sweepText && (
            <p className="tour-real-verdict" data-testid="real-identity-sweep">
              {sweepText}
            </p>
          )}
        </NowOnReal>
      )}
    </>
  );
}

export const identityMapping: Chapter = {
  id: 'identity-mapping',
  title: 'Can a sublayer step aside?',
  short: 'Identity',
  claim: 4,
  fullView: 'lab',
  setup: (L) => ({ ...baseSetup, stage: lastStage(L) }),
  Body: IdentityMapping,
};
