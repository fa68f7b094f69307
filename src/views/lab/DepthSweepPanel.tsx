import { useState, type FormEvent } from 'react';
import type { DepthSweepParams } from '../../store/labSlice';
import type { DepthProgress } from '../../worker/protocol';
import { useApp } from '../../store/store';
import { DepthResult } from './DepthSweepResult';
import { clampInt } from '../format';
import { NORMS, SWEEP_CHANNEL_NAMES as CH_NAME } from './names';
import './lab.css';
import '../chart/chart.css';

const DEPTHS = [2, 4, 8, 16, 32, 48];

/** Fraction of a channel's sweep done, weighting each depth by its number of layers. */
function progressFraction(p: DepthProgress | null, layers: number[]): number {
  if (!p) return 0;
  const total = layers.reduce((s, l) => s + l, 0);
  const done = layers.slice(0, p.run).reduce((s, l) => s + l, 0);
  return (done + (p.layers * (p.step + 1)) / (p.totalSteps + 1)) / Math.max(1, total);
}

export function DepthSweepPanel() {
  const sweep = useApp((s) => s.depthSweep);
  const engine = useApp((s) => s.engine);
  const [layers, setLayers] = useState<number[]>([2, 4, 8, 16]);
  const [norm, setNorm] = useState<DepthSweepParams['norm']>('pre');
  const [steps, setSteps] = useState(30);
  const [seed, setSeed] = useState(1);
  const running = sweep.status === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (layers.length === 0 || running) return;
    engine?.startDepthSweep({ layers, norm, trainSteps: steps, seed });
  };
  const toggle = (d: number) =>
    setLayers((ls) =>
      ls.includes(d) ? ls.filter((l) => l !== d) : [...ls, d].sort((a, b) => a - b),
    );

  const result =
    sweep.status === 'done' && sweep.params && sweep.runs.on && sweep.runs.off
      ? { params: sweep.params, on: sweep.runs.on, off: sweep.runs.off }
      : null;
  return (
    <section className="card lab-card wide" aria-labelledby="depth-title">
      <h3 id="depth-title">Depth sweep: how much gradient reaches the first layer?</h3>
      <p className="hint">
        For each depth, a fresh model (d = 32) with skips and the same model without, from the same
        seed, on the same batches: ‖∂L/∂x‖ at the embedding divided by ‖∂L/∂x‖ after the last layer,
        averaged over two batches, at initialisation and after the training steps you choose. Each
        side runs in a worker of its own, so the page stays usable.
      </p>
      <form className="lab-form" onSubmit={submit} aria-label="Depth sweep settings">
        <fieldset>
          <legend>Depths (layers)</legend>
          <div className="lab-options">
            {DEPTHS.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={layers.includes(d)}
                  onChange={() => toggle(d)}
                  disabled={running}
                  aria-label={`${d} layers`}
                />
                {d}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>LayerNorm</legend>
          <div className="lab-options">
            {NORMS.map((n) => (
              <label key={n.id}>
                <input
                  type="radio"
                  name="depth-norm"
                  value={n.id}
                  checked={norm === n.id}
                  onChange={() => setNorm(n.id)}
                  disabled={running}
                />
                {n.label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="lab-field">
          Training steps
          <input
            type="number"
            min={0}
            max={200}
            step={1}
            value={steps}
            disabled={running}
            onChange={(e) => setSteps(clampInt(e.target.value, 0, 200, 0))}
          />
        </label>
        <label className="lab-field">
          Seed
          <input
            type="number"
            min={0}
            max={99999}
            step={1}
            value={seed}
            disabled={running}
            onChange={(e) => setSeed(clampInt(e.target.value, 0, 99999, 1))}
          />
        </label>
        <div className="lab-buttons">
          <button type="submit" disabled={running || layers.length === 0}>
            Run depth sweep
          </button>
          <button type="button" onClick={() => engine?.cancelDepthSweep()} disabled={!running}>
            Cancel
          </button>
        </div>
      </form>
      {layers.includes(48) && !running && (
        <p className="hint">Deep stacks take a while: each depth trains its own model.</p>
      )}
      {(running || result) && sweep.params && (
        <div className="lab-progress" data-testid="depth-progress" data-status={sweep.status}>
          {(['on', 'off'] as const).map((ch) => {
            const p = sweep.progress[ch];
            const done = sweep.runs[ch] !== null;
            const f = done ? 1 : progressFraction(p, sweep.params!.layers);
            return (
              <div key={ch} className="lab-progress-row">
                <span className={ch === 'on' ? 'on-text' : 'off-text'}>{CH_NAME[ch]}</span>
                <progress
                  max={1}
                  value={f}
                  aria-label={`Depth sweep, ${CH_NAME[ch]}`}
                  data-testid={`depth-progress-${ch}`}
                />
                <span className="lab-progress-text">
                  {done
                    ? 'done'
                    : p
                      ? `${p.layers} layers (${p.run + 1} of ${p.runs}), step ${p.step} of ${p.totalSteps}`
                      : 'starting…'}
                </span>
              </div>
            );
          })}
        </div>
      )}
      {sweep.status === 'error' && (
        <p role="alert" className="inline-error">
          The sweep stopped: {sweep.error}
        </p>
      )}
      {result ? (
        <DepthResult {...result} />
      ) : (
        !running && (
          <p className="chart-note">
            Choose depths and press <em>Run depth sweep</em>. Try “none” first, then “pre-LN” with 0
            and with 30 training steps.
          </p>
        )
      )}
    </section>
  );
}
