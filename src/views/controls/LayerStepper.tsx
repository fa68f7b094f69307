import { useEffect } from 'react';
import { useApp } from '../../store/store';
import { pointTick, stepLabel } from '../labels';
import './controls.css';

/** The scrubber over embedding → each sublayer → output, with play. */
export function LayerStepper({ nLayers }: { nLayers: number }) {
  const step = useApp((s) => s.step);
  const setStep = useApp((s) => s.setStep);
  const playing = useApp((s) => s.playing);
  const setPlaying = useApp((s) => s.setPlaying);
  const max = 2 * nLayers + 1;
  const current = Math.min(step, max);

  useEffect(() => {
    if (!playing) return;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const timer = window.setInterval(
      () => {
        const s = useApp.getState();
        if (s.step >= max) s.setPlaying(false);
        else s.setStep(s.step + 1);
      },
      reduced ? 1500 : 700,
    );
    return () => window.clearInterval(timer);
  }, [playing, max]);

  return (
    <section className="card stepper" aria-label="Layer stepper">
      <button
        type="button"
        onClick={() => {
          if (!playing && current >= max) setStep(0);
          setPlaying(!playing);
        }}
        aria-label={playing ? 'Pause' : 'Play through the layers'}
        data-testid="play"
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <div className="scrubber">
        <input
          type="range"
          aria-label="Layer"
          min={0}
          max={max}
          step={1}
          value={current}
          aria-valuetext={stepLabel(current, nLayers)}
          onChange={(e) => {
            setPlaying(false);
            setStep(Number(e.target.value));
          }}
          data-testid="layer-slider"
          data-step={current}
        />
        <div className="ticks" aria-hidden="true">
          {Array.from({ length: max + 1 }, (_, s) => (
            <span key={s} className={s === current ? 'current' : undefined}>
              {s === max ? 'out' : pointTick(s)}
            </span>
          ))}
        </div>
      </div>
      <output className="step-name" data-testid="step-name">
        {stepLabel(current, nLayers)}
      </output>
    </section>
  );
}
