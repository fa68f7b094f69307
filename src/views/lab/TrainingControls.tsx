import { downloadBlob } from '../export/download';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CHANNELS, type TrainingRunState, type TrainingSettings } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { clampInt, num } from '../format';
import { NORMS } from './names';
import type { Channel } from '../../worker/protocol';
import { COLOR, NAME, useRuns } from './training';
import './lab.css';

const WIDTHS = [16, 32, 64];
const RATES = [3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1];
const STATE_TEXT: Record<TrainingRunState['state'], string> = {
  idle: 'not started',
  running: 'training',
  paused: 'paused',
  done: 'finished',
  diverged: 'diverged',
  failed: 'stopped by an error',
};

/** The settings form, the buttons, each run's status and the hand-over to the explorer. */
export function TrainingControls() {
  const settings = useApp((s) => s.trainingSettings);
  const setSettings = useApp((s) => s.setTrainingSettings);
  const engine = useApp((s) => s.engine);
  const runs = useRuns();
  const { source, labReady, labLoaded } = useApp(
    useShallow((s) => ({
      source: s.source,
      labReady: s.labModelsReady,
      labLoaded: !!s.models['lab-residual'] && !!s.models['lab-plain'],
    })),
  );
  // Typed numbers stay text until Start, so a half-typed "6" never clamps "600" away.
  const [layers, setLayers] = useState(String(settings.nLayers));
  const [steps, setSteps] = useState(String(settings.steps));
  const [seed, setSeed] = useState(String(settings.seed));
  const states = CHANNELS.map((ch) => runs[ch].state);
  const running = states.includes('running');
  const paused = states.includes('paused');
  const started = states.some((s) => s !== 'idle');
  const canExplore = states.every((s) => s === 'done' || s === 'paused');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = {
      nLayers: clampInt(layers, 1, 16, settings.nLayers),
      steps: clampInt(steps, 20, 5000, settings.steps),
      seed: clampInt(seed, 0, 99999, settings.seed),
    };
    setLayers(String(patch.nLayers));
    setSteps(String(patch.steps));
    setSeed(String(patch.seed));
    setSettings(patch);
    engine?.startTraining();
  };
  return (
    <div className="wide">
      <section className="card lab-card" aria-labelledby="train-settings-title">
        <h3 id="train-settings-title">Settings and runs</h3>
        <form className="lab-form" onSubmit={submit} aria-label="Training settings">
          <label className="lab-field">
            Layers
            <input
              type="number"
              min={1}
              max={16}
              value={layers}
              disabled={running}
              onChange={(e) => setLayers(e.target.value)}
            />
          </label>
          <label className="lab-field">
            Width d
            <select
              value={settings.dModel}
              disabled={running}
              onChange={(e) => setSettings({ dModel: Number(e.target.value) })}
            >
              {WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
          <label className="lab-field">
            Learning rate
            <select
              value={settings.lr}
              disabled={running}
              onChange={(e) => setSettings({ lr: Number(e.target.value) })}
            >
              {RATES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="lab-field">
            Steps
            <input
              type="number"
              min={20}
              max={5000}
              step={10}
              value={steps}
              disabled={running}
              onChange={(e) => setSteps(e.target.value)}
            />
          </label>
          <label className="lab-field">
            Seed
            <input
              type="number"
              min={0}
              max={99999}
              value={seed}
              disabled={running}
              onChange={(e) => setSeed(e.target.value)}
            />
          </label>
          <label className="lab-field">
            LayerNorm
            <select
              value={settings.norm}
              disabled={running}
              onChange={(e) => setSettings({ norm: e.target.value as TrainingSettings['norm'] })}
            >
              {NORMS.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label}
                </option>
              ))}
            </select>
          </label>
          <div className="lab-buttons">
            <button type="submit" disabled={running} data-testid="train-start">
              {started ? 'Start over' : 'Start'}
            </button>
            <button type="button" onClick={() => engine?.pauseTraining()} disabled={!running}>
              Pause
            </button>
            <button type="button" onClick={() => engine?.resumeTraining()} disabled={!paused}>
              Resume
            </button>
            <button type="button" onClick={() => engine?.resetTraining()} disabled={!started}>
              Reset
            </button>
          </div>
        </form>
        <div className="run-cards">
          {CHANNELS.map((ch) => (
            <RunStatus key={ch} ch={ch} run={runs[ch]} />
          ))}
        </div>
        <div className="lab-buttons explore-row">
          <button
            type="button"
            onClick={() => engine?.exploreLabModels()}
            disabled={!canExplore}
            className="primary"
            data-testid="explore-lab"
          >
            Explore these models
          </button>
          <button
            type="button"
            onClick={() => engine?.downloadLabModels(downloadBlob)}
            disabled={!canExplore}
            data-testid="download-lab"
          >
            Download both (.safetensors)
          </button>
          <span className="hint" role="status" data-testid="explore-status">
            {labReady && source === 'lab' && labLoaded
              ? 'Every view, explorer included, now shows these two models (Models: Trained in the lab).'
              : labReady
                ? 'Handing the models to the explorer…'
                : states.includes('diverged')
                  ? 'A run that diverged cannot be explored: start over with a smaller learning rate.'
                  : states.includes('failed')
                    ? 'A run stopped by an error cannot be explored: start over.'
                    : canExplore
                      ? 'Load both models into every view of the explorer.'
                      : 'Available when both runs have finished or are paused.'}
          </span>
        </div>
      </section>
    </div>
  );
}

function RunStatus({ ch, run }: { ch: Channel; run: TrainingRunState }) {
  const total = run.totalSteps || 1;
  const stopped = run.state === 'diverged' || run.state === 'failed';
  return (
    <div
      className={`run-card run-${run.state}`}
      style={{ borderColor: COLOR[ch] }}
      data-testid={`run-${ch}`}
      data-state={run.state}
      data-step={run.step}
    >
      <div className="run-head">
        <strong className={ch === 'on' ? 'on-text' : 'off-text'}>{NAME[ch]}</strong>
        <span className="run-state">{STATE_TEXT[run.state]}</span>
      </div>
      <progress
        max={total}
        value={run.step}
        aria-label={`Training ${NAME[ch]}: step ${run.step} of ${run.totalSteps}`}
      />
      <div className="run-numbers">
        {run.state === 'idle' ? (
          'ready'
        ) : (
          <>
            step <span data-testid={`run-${ch}-step`}>{run.step}</span> / {run.totalSteps}
          </>
        )}
        {run.state === 'running' && run.stepsPerSecond > 0 && (
          <> · {Math.round(run.stepsPerSecond)} steps/s</>
        )}
        {run.loss.length > 0 && <> · loss {num(run.loss[run.loss.length - 1].value)}</>}
      </div>
      {run.message && (
        <p
          className={stopped ? 'inline-error' : 'run-message'}
          role={stopped ? 'alert' : undefined}
        >
          {run.message}
        </p>
      )}
    </div>
  );
}
