import { useState, type FormEvent } from 'react';
import type { DepthSweepParams } from '../../store/labSlice';
import type { DepthProgress } from '../../worker/protocol';
import { useApp } from '../../store/store';
import { DepthResult } from './DepthSweepResult';
import { NumberField, RadioChoices } from './LabField';
import { LabProgress } from './LabProgress';
import { clampInt } from '../format';
import { NORMS, SWEEP_CHANNEL_NAMES as CH_NAME } from './names';
import { useLabModel } from './useLabModel';
import './lab.css';
import '../chart/chart.css';

const DEPTHS = [2, 4, 8, 16, 32, 48];
/** The typed settings, clamped as they are typed; `fallback` stands in for text that is no number. */
const TYPED = {
  steps: { label: 'Training steps', min: 0, max: 200, fallback: 0 },
  seed: { label: 'Seed', min: 0, max: 99999, fallback: 1 },
};

/**
 * Which init the sweep's networks start from: each its own (`defaultInitFor`: GPT-2's with
 * skips, Xavier's without), GPT-2's for both, or each its own and again from GPT-2's, so the
 * init's part of the gradient gap can be told from the skips'.
 */
const INIT_CHOICES = [
  { id: 'own', label: 'the network’s own', params: {} },
  { id: 'gpt2', label: 'GPT-2’s', params: { init: 'gpt2' } },
  { id: 'compare', label: 'compare', params: { compareInit: 'gpt2' } },
] as const satisfies readonly {
  id: string;
  label: string;
  params: Pick<DepthSweepParams, 'init' | 'compareInit'>;
}[];

/**
 * Fraction of a channel's sweep done, weighting each run by its number of layers. Runs go depth
 * by depth, each depth once per init (twice when inits are compared).
 */
function progressFraction(p: DepthProgress | null, layers: number[]): number {
  if (!p) return 0;
  const perDepth = Math.max(1, Math.round(p.runs / layers.length));
  const total = perDepth * layers.reduce((s, l) => s + l, 0);
  const depth = Math.floor(p.run / perDepth);
  const done =
    perDepth * layers.slice(0, depth).reduce((s, l) => s + l, 0) + (p.run % perDepth) * p.layers;
  return (done + (p.layers * (p.step + 1)) / (p.totalSteps + 1)) / Math.max(1, total);
}

export function DepthSweepPanel() {
  const sweep = useApp((s) => s.depthSweep);
  const engine = useApp((s) => s.engine);
  const { real } = useLabModel();
  const [layers, setLayers] = useState<number[]>([2, 4, 8, 16]);
  const [norm, setNorm] = useState<DepthSweepParams['norm']>('pre');
  const [typed, setTyped] = useState({ steps: 30, seed: 1 });
  const [initChoice, setInitChoice] = useState<(typeof INIT_CHOICES)[number]['id']>('own');
  const running = sweep.status === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (layers.length === 0 || running) return;
    const inits = INIT_CHOICES.find((c) => c.id === initChoice)?.params;
    engine?.startDepthSweep({ layers, norm, trainSteps: typed.steps, seed: typed.seed, ...inits });
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
        network starts from its own init (GPT-2’s with skips, Xavier’s without) unless you choose
        GPT-2’s for both; “compare” also runs the network without skips from GPT-2’s, so the init’s
        part of the gap shows apart from the skips’. Each side runs in a worker of its own, so the
        page stays usable.
        {real && (
          <span data-testid="depth-real-model">
            {' '}
            These are small models trained here, not {real.label}, which is only traced.
          </span>
        )}
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
        <RadioChoices
          legend="LayerNorm"
          name="depth-norm"
          options={NORMS}
          value={norm}
          onChange={setNorm}
          disabled={running}
        />
        <RadioChoices
          legend="Init"
          name="depth-init"
          options={INIT_CHOICES}
          value={initChoice}
          onChange={setInitChoice}
          disabled={running}
        />
        {(['steps', 'seed'] as const).map((k) => (
          <NumberField
            key={k}
            {...TYPED[k]}
            step={1}
            value={typed[k]}
            disabled={running}
            onChange={(v) =>
              setTyped((t) => ({
                ...t,
                [k]: clampInt(v, TYPED[k].min, TYPED[k].max, TYPED[k].fallback),
              }))
            }
          />
        ))}
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
        <LabProgress
          testId="depth-progress"
          status={sweep.status}
          rows={(['on', 'off'] as const).map((ch) => {
            const p = sweep.progress[ch];
            const done = sweep.runs[ch] !== null;
            return {
              key: ch,
              label: CH_NAME[ch],
              labelClass: ch === 'on' ? 'on-text' : 'off-text',
              max: 1,
              value: done ? 1 : progressFraction(p, sweep.params!.layers),
              ariaLabel: `Depth sweep, ${CH_NAME[ch]}`,
              testId: `depth-progress-${ch}`,
              text: done
                ? 'done'
                : p
                  ? `${p.layers} layers (${p.run + 1} of ${p.runs}), step ${p.step} of ${p.totalSteps}`
                  : 'starting…',
            };
          })}
        />
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
