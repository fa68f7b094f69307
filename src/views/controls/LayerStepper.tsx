import { useEffect, memo } from 'react';
import { useApp } from '../../store/store';
import { lastStage, shownLayers } from '../../store/positions';
import { pointTick, stageLabel } from '../labels';
import './controls.css';

/**
 * The scrubber over the stages of the model shown: embedding → each sublayer → output, with
 * play. It follows that model (a lab pair may be deeper or shallower than the shipped one).
 */
export const LayerStepper = memo(function LayerStepper() {
  const nLayers = useApp((s) => shownLayers(s) ?? 0);
  const current = useApp((s) => s.stage);
  const setStage = useApp((s) => s.setStage);
  const playing = useApp((s) => s.playing);
  const setPlaying = useApp((s) => s.setPlaying);
  const max = lastStage(nLayers);

  useEffect(() => {
    if (!playing) return;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const timer = window.setInterval(
      () => {
        const s = useApp.getState();
        if (s.stage >= max) s.setPlaying(false);
        else s.setStage(s.stage + 1);
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
          if (!playing && current >= max) setStage(0);
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
          aria-valuetext={stageLabel(current, nLayers)}
          onChange={(e) => {
            setPlaying(false);
            setStage(Number(e.target.value));
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
        {stageLabel(current, nLayers)}
      </output>
    </section>
  );
});
