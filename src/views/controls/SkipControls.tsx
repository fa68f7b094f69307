import { memo } from 'react';
import type { OffMode } from '../../store/explorerSlice';
import { tracesRealModel } from '../../store/realModelSlice';
import { useApp } from '../../store/store';
import { f2 } from '../format';
import './controls.css';

/** The three things the reader can look at; the store keeps them as skips + offMode. */
type SkipChoice = 'with' | OffMode;

const CHOICES: { id: SkipChoice; label: string }[] = [
  { id: 'with', label: 'with skips' },
  { id: 'trained', label: 'trained without skips' },
  { id: 'removed', label: 'weakened now' },
];

/** The update rule of the model shown, so α = 1 reads as what it is: the skip, whole. */
function rule(choice: SkipChoice, alpha: number): string {
  if (choice === 'with') return 'x ← x + f(x)';
  if (choice === 'trained') return 'x ← f(x)';
  if (alpha === 1) return 'x ← 1·x + f(x): the full skip, as with skips';
  if (alpha === 0) return 'x ← f(x): the skip taken away';
  return `x ← ${alpha}·x + f(x)`;
}

const HINTS: Record<SkipChoice, string> = {
  with: 'The model as it was trained: each sublayer adds its output to the stream.',
  trained:
    'A second model, trained on the same data from the same seed with no skip connections at all.',
  removed:
    'The model that learned with skips, with its skips weakened at inference (α = 1 is the full skip, 0 none), to show how much it relies on them.',
};

/**
 * On the real model: GPT-2 was only ever trained with its skips, so there is no twin to show,
 * and its "off" channel is its own skips weakened now (store/bridge.ts traceRequests).
 */
const REAL_HINTS: Record<'with' | 'removed', string> = {
  with: 'GPT-2 as it was trained: each sublayer adds its output to the stream.',
  removed:
    'GPT-2 with its own skips weakened at inference (α = 1 is the full skip, 0 none). There is no GPT-2 trained without skips, so this is the only way to take them away here.',
};
const NO_PLAIN_GPT2 = 'GPT-2 was only trained with skips: there is no GPT-2 trained without them.';

/** One segmented control for the skip connections: which model, and how much of the skip. */
export const SkipControls = memo(function SkipControls() {
  const real = useApp(tracesRealModel);
  const skips = useApp((s) => s.skips);
  const offMode = useApp((s) => s.offMode);
  const skipStrength = useApp((s) => s.skipStrength);
  const applyExplorer = useApp((s) => s.applyExplorer);
  const setSkipStrength = useApp((s) => s.setSkipStrength);
  const plainError = useApp((s) => s.loadErrors.plain);
  const choice: SkipChoice = skips ? 'with' : real ? 'removed' : offMode;
  const choose = (c: SkipChoice) =>
    applyExplorer(c === 'with' ? { skips: true } : { skips: false, offMode: c });
  const hint = real && choice !== 'trained' ? REAL_HINTS[choice] : HINTS[choice];
  return (
    <section className="card skip-controls" aria-label="Skip connections">
      <fieldset className="segmented" data-testid="skip-choice">
        <legend>Skip connections</legend>
        {CHOICES.map((c) => (
          <label
            key={c.id}
            className={choice === c.id ? 'chosen' : undefined}
            title={real && c.id === 'trained' ? NO_PLAIN_GPT2 : undefined}
          >
            <input
              type="radio"
              name="skip-choice"
              value={c.id}
              checked={choice === c.id}
              disabled={real && c.id === 'trained'}
              onChange={() => choose(c.id)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      {choice === 'removed' && (
        <label className="alpha">
          Skip strength α
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={skipStrength}
            onChange={(e) => setSkipStrength(Number(e.target.value))}
            aria-valuetext={`α = ${skipStrength}`}
          />
          <output>{f2(skipStrength)}</output>
        </label>
      )}
      <p className="rule">
        <strong className={choice === 'with' ? 'on-text' : 'off-text'} data-testid="skip-rule">
          {rule(choice, skipStrength)}
        </strong>
      </p>
      <p className="hint" data-testid="skip-hint">
        {hint}
      </p>
      {real && (
        <p className="hint" data-testid="no-plain-gpt2">
          {NO_PLAIN_GPT2} Pick “weakened now” to turn its skips down.
        </p>
      )}
      {plainError && choice === 'trained' && <p className="inline-error">{plainError}</p>}
    </section>
  );
});
