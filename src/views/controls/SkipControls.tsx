import { useApp } from '../../store/store';
import './controls.css';

/** Skip connections on or off, and what "off" means. */
export function SkipControls() {
  const skips = useApp((s) => s.skips);
  const setSkips = useApp((s) => s.setSkips);
  const offMode = useApp((s) => s.offMode);
  const setOffMode = useApp((s) => s.setOffMode);
  const skipStrength = useApp((s) => s.skipStrength);
  const setSkipStrength = useApp((s) => s.setSkipStrength);
  const plainError = useApp((s) => s.loadErrors.plain);
  return (
    <section className="card skip-controls" aria-label="Skip connections">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={skips}
          onChange={(e) => setSkips(e.target.checked)}
          data-testid="skip-switch"
        />
        <span>Skip connections</span>
        <strong className={skips ? 'on-text' : 'off-text'}>
          {skips
            ? 'on: x ← x + f(x)'
            : offMode === 'trained'
              ? 'off: x ← f(x)'
              : `off: x ← ${skipStrength}·x + f(x)`}
        </strong>
      </label>
      <fieldset>
        <legend>When skips are off, show</legend>
        <label>
          <input
            type="radio"
            name="off-mode"
            value="trained"
            checked={offMode === 'trained'}
            onChange={() => setOffMode('trained')}
          />
          the same model <em>trained</em> without skips
        </label>
        <label>
          <input
            type="radio"
            name="off-mode"
            value="removed"
            checked={offMode === 'removed'}
            onChange={() => setOffMode('removed')}
          />
          the model trained with skips, skips <em>removed</em> now
        </label>
        <label className={`alpha${offMode === 'removed' ? '' : ' disabled'}`}>
          Skip strength α
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={skipStrength}
            disabled={offMode !== 'removed'}
            onChange={(e) => setSkipStrength(Number(e.target.value))}
            aria-valuetext={`α = ${skipStrength}`}
          />
          <output>{skipStrength.toFixed(2)}</output>
        </label>
      </fieldset>
      <p className="hint">
        {offMode === 'trained'
          ? 'Compares two models trained on the same data from the same seed: one learned with skips, one without.'
          : 'Takes the model that learned with skips and weakens them at inference (x ← α·x + f(x)), to show how much it relies on them.'}
      </p>
      {plainError && offMode === 'trained' && <p className="inline-error">{plainError}</p>}
    </section>
  );
}
