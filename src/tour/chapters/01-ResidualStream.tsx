import { useShallow } from 'zustand/react/shallow';
import { sublayerCount, sublayerOf, sublayerStage } from '../../store/positions';
import { useApp } from '../../store/store';
import { LayerStepper } from '../../views/controls/LayerStepper';
import { sublayerLabel } from '../../views/labels';
import { UpdatePanel } from '../../views/panels/UpdatePanel';
import { useExplorer } from '../../views/useExplorer';
import { useTourTraces } from '../useTourTraces';
import { updateAt } from '../../analysis/sublayerUpdate';
import { f2 } from '../../views/format';
import { TryThis, type Outcome } from '../TryThis';
import { baseSetup, type Chapter } from '../chapter';
import { useTrainingRecord } from '../../views/trainingRecord';
import { howTrained } from '../lossVerdict';

/** Chapter 1: what x ← x + f(x) means, on one word and one sublayer. */
function ResidualStream() {
  const e = useExplorer();
  const tt = useTourTraces();
  const s = useApp(useShallow((s) => ({ skips: s.skips, stage: s.stage, offMode: s.offMode })));
  const applyExplorer = useApp((s) => s.applyExplorer);
  const record = useTrainingRecord();
  const residual = record?.models.find((m) => m.id === 'residual');
  const plain = record?.models.find((m) => m.id === 'plain');
  const L = e.L;
  const C = e.C;
  const word = e.active?.start.words[e.token] ?? 'the last word';
  const MLP1 = sublayerOf(0, 'mlp');
  const atMlp = s.stage === sublayerStage(MLP1);
  const tr = (s.skips ? tt.on : tt.off).trace;
  const u = tr ? updateAt(tr, MLP1, e.token) : null;

  const added: Outcome | null =
    u && s.skips
      ? {
          holds: u.afterMinusSum < 1e-4,
          text: (
            <>
              You should now see three rows for “{word}”: the stream x arriving at the first MLP
              (length {f2(u.before)}), the change f(x) the MLP computes (length {f2(u.change)}), and
              their sum, which moves on (length {f2(u.after)}).{' '}
              {u.change > u.before
                ? `The change is ${(u.change / u.before).toFixed(1)} times as long as the stream it joins: this sublayer writes a lot.`
                : 'The change is shorter than the stream it joins.'}{' '}
              The sum is{' '}
              {u.after < u.before + u.change - 0.01
                ? 'shorter than the two lengths added, because x and f(x) do not point the same way'
                : 'about as long as the two lengths added'}{' '}
              (their cosine is {f2(u.cosChangeBefore)}).
            </>
          ),
          values: { before: f2(u.before), change: f2(u.change), after: f2(u.after) },
        }
      : null;

  const replaced: Outcome | null =
    u && !s.skips
      ? {
          holds: u.afterMinusChange < 1e-4,
          text: (
            <>
              You should now see the bottom row equal the middle one: after = f(x), both of length{' '}
              {f2(u.after)}. What arrived (length {f2(u.before)}) is not carried past the sublayer;
              the new stream keeps only as much of it as f(x) happens to copy (cosine with the old
              stream {f2(u.cosAfterBefore)}).
            </>
          ),
          values: { before: f2(u.before), change: f2(u.change), after: f2(u.after) },
        }
      : null;

  return (
    <>
      <p>
        A language model reads a sentence and, after each word, guesses the word that comes next.
        Inside, every word is a list of numbers — a vector, {C > 0 ? C : 'a few dozen'} numbers long
        in our model — and that vector is carried upward through the network, layer by layer. Our
        model has {L} layers, and each has two parts: <em>attention</em>, where a word gathers
        information from the words before it, and an <em>MLP</em>, which works on each word by
        itself. That makes {sublayerCount(L)} sublayers.
      </p>
      <p>
        What matters here is how a sublayer hands on its result. It reads the vector x, works out a
        change f(x), and <em>adds</em> the change to what it read: <code>x ← x + f(x)</code>. The
        vector that runs from the bottom of the network to the top, picking up one addition after
        another, is the <strong>residual stream</strong>, and the path that carries x around the
        sublayer untouched is the <strong>skip connection</strong>. Without it every sublayer hands
        on only its own output, <code>x ← f(x)</code>, and the next one must start from that alone.
      </p>
      <p>
        We trained two copies of the same small network on the same sentences, one with skips and
        one without, each from an initialisation made for its kind of network and with the learning
        rate that did best in a short sweep
        {residual && plain
          ? ` (with skips: ${howTrained(residual)}; without: ${howTrained(plain)})`
          : ''}
        , so that every view in this tour can put them side by side.
      </p>
      <TryThis
        id="stream-step"
        action={`Step to ${sublayerLabel(MLP1)}`}
        expect="The view below will show the stream as it arrives at the first MLP, the change that MLP computes, and what leaves it."
        done={atMlp && s.skips}
        run={() => applyExplorer({ stage: sublayerStage(MLP1), skips: true, playing: false })}
        outcome={added}
      />
      <LayerStepper />
      <UpdatePanel />
      <TryThis
        id="stream-off"
        action="Now turn the skip connections off"
        expect="The same sublayer in the model trained without skips: what leaves it should be exactly the change, with nothing of the old stream added back."
        done={atMlp && !s.skips && s.offMode === 'trained'}
        run={() =>
          applyExplorer({
            stage: sublayerStage(MLP1),
            skips: false,
            offMode: 'trained',
            playing: false,
          })
        }
        outcome={replaced}
      />
      <p>
        Use the stepper, or the ← and → keys, to walk through the other sublayers. Whatever you
        change here, each chapter starts from its own settings.
      </p>
    </>
  );
}

export const residualStream: Chapter = {
  id: 'residual-stream',
  title: 'What is the residual stream?',
  short: 'Stream',
  fullView: 'explorer',
  setup: () => ({ ...baseSetup, stage: 0 }),
  Body: ResidualStream,
};
