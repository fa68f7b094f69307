import { downloadBlob } from '../export/download';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CHANNELS, type TrainingRunState, type TrainingSettings } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { clampInt, num } from '../format';
import { NORMS } from './names';
import { NumberField, SelectField } from './LabField';
import type { Channel } from '../../worker/protocol';
import { COLOR, NAME, useRuns } from './training';
import './lab.css';

/** Options shown as their own numbers. */
const asOptions = (values: number[]) => values.map((v) => ({ id: v, label: String(v) }));

/** Settings typed as numbers: their labels, and the bounds they are clamped to at Start. */
const TYPED = {
  nLayers: { label: 'Layers', min: 1, max: 16 },
  steps: { label: 'Steps', min: 20, max: 5000, step: 10 },
  seed: { label: 'Seed', min: 0, max: 99999 },
};
type Typed = keyof typeof TYPED;
const TYPED_KEYS = Object.keys(TYPED) as Typed[];

/** Settings chosen from a list. */
const CHOSEN = {
  dModel: { label: 'Width d', options: asOptions([16, 32, 64]) },
  norm: { label: 'LayerNorm', options: NORMS },
};
type Chosen = keyof typeof CHOSEN;

/**
 * Each network's learning rate, one field apiece: its own by default (the shipped pair's), so
 * the reader who sets one the same for both does so on purpose.
 */
const LEARNING_RATES = asOptions([3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1]);

/** The typed fields' text for these settings. */
const draftsOf = (s: Pick<TrainingSettings, Typed>) =>
  Object.fromEntries(TYPED_KEYS.map((k) => [k, String(s[k])])) as Record<Typed, string>;

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
  const [drafts, setDrafts] = useState(() => draftsOf(settings));
  const states = CHANNELS.map((ch) => runs[ch].state);
  const running = states.includes('running');
  const paused = states.includes('paused');
  const started = states.some((s) => s !== 'idle');
  const canExplore = states.every((s) => s === 'done' || s === 'paused');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = Object.fromEntries(
      TYPED_KEYS.map((k) => [k, clampInt(drafts[k], TYPED[k].min, TYPED[k].max, settings[k])]),
    ) as Pick<TrainingSettings, Typed>;
    setDrafts(draftsOf(patch));
    setSettings(patch);
    engine?.startTraining();
  };
  const typedField = (k: Typed) => (
    <NumberField
      {...TYPED[k]}
      value={drafts[k]}
      disabled={running}
      onChange={(v) => setDrafts((d) => ({ ...d, [k]: v }))}
    />
  );
  const choiceField = (k: Chosen) => (
    <SelectField
      {...CHOSEN[k]}
      value={settings[k]}
      disabled={running}
      // The option's own value, typed, rather than the text the <select> hands back.
      onChange={(v) => setSettings({ [k]: CHOSEN[k].options.find((o) => String(o.id) === v)!.id })}
    />
  );
  const lrField = (ch: Channel) => (
    <SelectField
      key={ch}
      label={`Learning rate, ${NAME[ch]}`}
      options={LEARNING_RATES}
      value={settings.lr[ch]}
      disabled={running}
      onChange={(v) => setSettings({ lr: { ...settings.lr, [ch]: Number(v) } })}
    />
  );
  return (
    <div className="wide">
      <section className="card lab-card" aria-labelledby="train-settings-title">
        <h3 id="train-settings-title">Settings and runs</h3>
        <form className="lab-form" onSubmit={submit} aria-label="Training settings">
          {typedField('nLayers')}
          {choiceField('dModel')}
          {CHANNELS.map(lrField)}
          {typedField('steps')}
          {typedField('seed')}
          {choiceField('norm')}
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
        {run.lr !== null && <> · learning rate {num(run.lr)}</>}
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
