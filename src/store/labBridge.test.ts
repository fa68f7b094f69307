import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientEvents, EngineClient } from '../worker/client';
import {
  ownLearningRate,
  type ModelInfo,
  type ModelSlot,
  type RequestBody,
  type Response,
} from '../worker/protocol';
import { connectLab } from './labBridge';
import {
  DEFAULT_TRAINING,
  IDLE_PROBES,
  IDLE_RUN,
  lesionSweepBusy,
  lesionSweepError,
} from './labSlice';
import { useApp } from './store';

/** A stand-in for one worker's client: records what it is sent, and answers when told. */
class FakeClient {
  sent: RequestBody[] = [];
  disposed = false;
  constructor(readonly events: ClientEvents) {}
  send(body: RequestBody): number {
    this.sent.push(body);
    return this.sent.length;
  }
  dispose(): void {
    this.disposed = true;
  }
}

function setup() {
  const clients: FakeClient[] = [];
  const main: RequestBody[] = [];
  const lab = connectLab(
    (body) => main.push(body),
    (events) => {
      const c = new FakeClient(events);
      clients.push(c);
      return c as unknown as EngineClient;
    },
  );
  return { lab, clients, main };
}

const swept = (id: number, slot: ModelSlot, intact: number): Response => ({
  type: 'lesionSwept',
  id,
  slot,
  intact,
  lesioned: new Float32Array(2),
  predictionChange: new Float32Array(2),
});

const exported = (id: number): Response => ({
  type: 'trainExported',
  id,
  bytes: new ArrayBuffer(4),
});

beforeEach(() =>
  useApp.setState({
    source: 'trained',
    training: { on: IDLE_RUN, off: IDLE_RUN },
    trainingSettings: DEFAULT_TRAINING,
    labModelsReady: false,
    lesionProgress: {},
    lesionErrors: {},
    lesionResults: {},
    probes: IDLE_PROBES,
  }),
);

const curve = (v: number) => ({
  accuracy: new Float32Array([v, v]),
  majority: 0.5,
  fitted: 4,
  scored: 2,
});
const probed = (id: number, slot: ModelSlot, v: number): Response => ({
  type: 'probed',
  id,
  slot,
  word: curve(v),
  position: curve(v),
  agreement: curve(v),
});

describe('the lab connection', () => {
  it('trains skips on and off in two workers, and hands the pair to the main engine', () => {
    const { lab, clients, main } = setup();
    lab.jobs.startTraining();
    expect(clients.map((c) => c.sent[0])).toMatchObject([
      { type: 'trainStart', run: { skipStrength: 1 } },
      { type: 'trainStart', run: { skipStrength: 0 } },
    ]);
    expect(useApp.getState().training.on.state).toBe('running');

    lab.jobs.exploreLabModels();
    expect(useApp.getState().labModelsReady).toBe(true);
    clients[0].events.onResponse(exported(2));
    clients[1].events.onResponse(exported(2));
    expect(main).toMatchObject([
      { type: 'loadBytes', slot: 'lab-residual' },
      { type: 'loadBytes', slot: 'lab-plain' },
    ]);
  });

  it('starts each network at its own learning rate, and warns of an odd one for that run alone', () => {
    const { lab, clients } = setup();
    useApp.getState().setTrainingSettings({ lr: { on: 0.3, off: 1e-3 } });
    lab.jobs.startTraining();
    expect(clients.map((c) => c.sent[0])).toMatchObject([
      { type: 'trainStart', run: { skipStrength: 1, lr: 0.3 } },
      { type: 'trainStart', run: { skipStrength: 0, lr: 1e-3 } },
    ]);
    const { on, off } = useApp.getState().training;
    expect([on.lr, off.lr]).toEqual([0.3, 1e-3]);
    expect(on.message).toMatch(/Learning rate 0.3 is very large/);
    expect(off.message).toBe('Starting…');

    useApp.getState().setTrainingSettings({ lr: { on: 3e-3, off: 0 } });
    lab.jobs.startTraining();
    expect(clients[3].sent[0]).toMatchObject({ run: { skipStrength: 0, lr: 0 } });
    expect(useApp.getState().training.off.message).toMatch(/^Learning rate 0: the weights/);
    expect(useApp.getState().training.on.message).toBe('Starting…');
  });

  it('defaults each network to its own learning rate, the one the shipped pair trained at', () => {
    const { lab, clients } = setup();
    lab.jobs.startTraining();
    expect(ownLearningRate(1)).not.toBe(ownLearningRate(0));
    expect(clients.map((c) => c.sent[0])).toMatchObject([
      { run: { skipStrength: 1, lr: ownLearningRate(1) } },
      { run: { skipStrength: 0, lr: ownLearningRate(0) } },
    ]);
  });

  it('sends the handed-over pair again to a restarted engine, without switching the views again', () => {
    const { lab, clients, main } = setup();
    lab.jobs.startTraining();
    lab.jobs.exploreLabModels();
    clients[0].events.onResponse(exported(2));
    clients[1].events.onResponse(exported(2));
    const loaded = (id: number, slot: ModelSlot) =>
      ({ type: 'loaded', id, info: { slot } }) as Extract<Response, { type: 'loaded' }>;
    // The hand-over's model with skips switches every view to the pair (ids count from 1).
    expect(lab.switchesToLab(loaded(2, 'lab-plain'))).toBe(false);
    expect(lab.switchesToLab(loaded(1, 'lab-residual'))).toBe(true);

    lab.engineRestarted();
    expect(main).toHaveLength(4);
    expect(main.slice(2)).toEqual(main.slice(0, 2));
    expect(main[2]).toMatchObject({ type: 'loadBytes', slot: 'lab-residual' });
    expect((main[2] as { bytes: ArrayBuffer }).bytes.byteLength).toBe(4);
    // The reader may have gone back to the shipped models since: the restore does not switch.
    expect(lab.switchesToLab(loaded(3, 'lab-residual'))).toBe(false);
  });

  it('a restarted engine before any hand-over is sent nothing of the lab', () => {
    const { lab, main } = setup();
    lab.engineRestarted();
    expect(main).toEqual([]);
  });

  it('saves a download with the function that asked for it, not into the explorer', () => {
    const { lab, clients, main } = setup();
    lab.jobs.startTraining();
    const saved: string[] = [];
    lab.jobs.downloadLabModels((_, name) => saved.push(name));
    clients[1].events.onResponse(exported(2));
    clients[0].events.onResponse(exported(2));
    // An answer nobody asked for is ignored.
    clients[0].events.onResponse(exported(7));
    expect(saved).toEqual(['lab-without-skips.safetensors', 'lab-with-skips.safetensors']);
    expect(main).toEqual([]);
  });

  it('runs a lesion sweep on the main engine for both models of the source', () => {
    const { lab, main } = setup();
    useApp.setState({ source: 'init' });
    lab.jobs.runLesionSweep();
    expect(main).toEqual([
      { type: 'lesionSweep', slot: 'init-residual', batches: 4, resume: false },
      { type: 'lesionSweep', slot: 'init-plain', batches: 4, resume: false },
    ]);
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(true);
    expect(lab.receive(swept(1, 'init-residual', 3))).toBe(true);
    expect(useApp.getState().lesionResults['init-residual']?.intact).toBe(3);
    // Busy until the second model's sweep has answered too: here, with an error.
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(true);
    expect(lab.receive({ type: 'error', id: 2, message: 'x' })).toBe(true);
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(false);
    expect(lesionSweepError(useApp.getState(), 'source')).toBe('x');
    // Answers to nothing the lab asked for are not the lab's.
    expect(lab.receive({ type: 'error', id: 9, message: 'y' })).toBe(false);
  });

  it('sweeps GPT-2 alone, asking for each next slice when the last answers, into lesionResults.gpt2', () => {
    const { lab, main } = setup();
    useApp.setState({ models: { gpt2: { nLayers: 12 } as ModelInfo } });
    lab.jobs.runLesionSweep('gpt2');
    expect(main).toEqual([{ type: 'lesionSweep', slot: 'gpt2', batches: 4, resume: false }]);
    // Under way from the start, for the panel to tell whose sweep runs.
    expect(useApp.getState().lesionProgress).toEqual({ gpt2: { done: 0, total: 25 } });
    // The tour's small-model chart and chapter 5 read their own sweep's state: not running.
    expect(lesionSweepBusy(useApp.getState(), 'gpt2')).toBe(true);
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(false);
    lab.receive({ type: 'lesionProgress', id: 1, slot: 'gpt2', done: 1, total: 25 });
    expect(useApp.getState().lesionProgress.gpt2).toEqual({ done: 1, total: 25 });
    expect(main[1]).toEqual({ type: 'lesionSweep', slot: 'gpt2', batches: 4, resume: true });
    lab.receive(swept(2, 'gpt2', 5));
    expect(useApp.getState().lesionProgress).toEqual({});
    expect(useApp.getState().lesionResults.gpt2?.intact).toBe(5);
    expect(main).toHaveLength(2);
  });

  it('a cancelled sweep asks for nothing more, and its last answer is dropped', () => {
    const { lab, main } = setup();
    lab.jobs.runLesionSweep('gpt2');
    lab.jobs.cancelLesionSweep('gpt2');
    expect(useApp.getState().lesionProgress).toEqual({});
    expect(lab.receive({ type: 'lesionProgress', id: 1, slot: 'gpt2', done: 1, total: 25 })).toBe(
      true,
    );
    expect(main).toHaveLength(1);
    expect(useApp.getState().lesionProgress).toEqual({});
    // Dropped once: the same id again is no longer the lab's.
    expect(lab.receive({ type: 'error', id: 1, message: 'x' })).toBe(false);
  });

  it('a sweep in flight when the engine restarts is reported, not waited for', () => {
    const { lab } = setup();
    lab.jobs.runLesionSweep('gpt2');
    lab.engineRestarted();
    expect(lesionSweepBusy(useApp.getState(), 'gpt2')).toBe(false);
    expect(lesionSweepError(useApp.getState(), 'gpt2')).toBe(
      'the engine restarted; run the sweep again.',
    );
    // Only the sweep that was in flight is told: the small models' was not running.
    expect(lesionSweepError(useApp.getState(), 'source')).toBeNull();
  });

  it('keeps the small models’ sweep and GPT-2’s apart: running, failing, cancelling', () => {
    const { lab, main } = setup();
    lab.jobs.runLesionSweep();
    lab.jobs.runLesionSweep('gpt2');
    // Starting GPT-2's sweep does not stop the pair's: all three slots are asked for.
    expect(main.map((b) => b.type === 'lesionSweep' && b.slot)).toEqual([
      'residual',
      'plain',
      'gpt2',
    ]);
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(true);
    expect(lesionSweepBusy(useApp.getState(), 'gpt2')).toBe(true);
    // GPT-2's sweep fails: its panel says why, the pair's still runs and says nothing.
    lab.receive({ type: 'error', id: 3, message: 'out of memory' });
    expect(lesionSweepError(useApp.getState(), 'gpt2')).toBe('out of memory');
    expect(lesionSweepError(useApp.getState(), 'source')).toBeNull();
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(true);
    expect(lesionSweepBusy(useApp.getState(), 'gpt2')).toBe(false);
    // The pair's sweep fails too; running GPT-2's again clears GPT-2's error, not the pair's.
    lab.receive({ type: 'error', id: 1, message: 'diverged' });
    lab.jobs.runLesionSweep('gpt2');
    expect(lesionSweepError(useApp.getState(), 'gpt2')).toBeNull();
    expect(lesionSweepError(useApp.getState(), 'source')).toBe('diverged');
    // Cancelling GPT-2's sweep leaves the pair's second model running and answered.
    lab.jobs.cancelLesionSweep('gpt2');
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(true);
    expect(lab.receive(swept(2, 'plain', 4))).toBe(true);
    expect(useApp.getState().lesionResults.plain?.intact).toBe(4);
    expect(lesionSweepBusy(useApp.getState(), 'source')).toBe(false);
  });

  it('probes the shipped pair and its untrained twins one model at a time, in the main engine', () => {
    const { lab, main } = setup();
    lab.jobs.runProbes();
    const probes = () => useApp.getState().probes;
    expect(probes()).toMatchObject({
      status: 'running',
      source: 'trained',
      slots: ['residual', 'plain', 'init-residual', 'init-plain'],
    });
    // The next model is asked for only once the engine has answered for the one before.
    expect(main).toEqual([{ type: 'probe', slot: 'residual', seed: 1 }]);
    expect(lab.receive(probed(1, 'residual', 0.9))).toBe(true);
    expect(main.map((b) => 'slot' in b && b.slot)).toEqual(['residual', 'plain']);
    expect(probes().results.residual?.word.accuracy[0]).toBeCloseTo(0.9);
    for (const [id, slot] of [
      [2, 'plain'],
      [3, 'init-residual'],
      [4, 'init-plain'],
    ] as const)
      lab.receive(probed(id, slot, 0.5));
    expect(probes().status).toBe('done');
    expect(Object.keys(probes().results)).toHaveLength(4);
    expect(main).toHaveLength(4);
  });

  it('a cancelled probe run keeps what it has, asks for nothing more and drops the late answer', () => {
    const { lab, main } = setup();
    useApp.setState({ source: 'lab' });
    lab.jobs.runProbes();
    expect(useApp.getState().probes.slots).toEqual(['lab-residual', 'lab-plain']);
    lab.receive(probed(1, 'lab-residual', 0.7));
    lab.jobs.cancelProbes();
    expect(useApp.getState().probes.status).toBe('idle');
    // The answer to the request that was in flight is no longer the lab's.
    expect(lab.receive(probed(2, 'lab-plain', 0.6))).toBe(false);
    expect(main).toHaveLength(2);
    expect(Object.keys(useApp.getState().probes.results)).toEqual(['lab-residual']);
  });

  it('a probe the engine refuses ends the run with its message', () => {
    const { lab } = setup();
    lab.jobs.runProbes();
    expect(lab.receive({ type: 'error', id: 1, message: 'not loaded yet' })).toBe(true);
    expect(useApp.getState().probes).toMatchObject({ status: 'error', error: 'not loaded yet' });
  });

  it('a probe run whose engine restarts ends saying so, and asks for nothing more', () => {
    const { lab, main } = setup();
    lab.jobs.runProbes();
    lab.engineRestarted();
    expect(useApp.getState().probes).toMatchObject({
      status: 'error',
      error: 'the engine restarted; run them again.',
    });
    expect(lab.receive(probed(1, 'residual', 0.9))).toBe(false);
    expect(main).toHaveLength(1);
  });

  it('stops every worker it started when disposed', () => {
    const { lab, clients } = setup();
    lab.jobs.startDepthSweep({ layers: [2], norm: 'pre', trainSteps: 0, seed: 1 });
    lab.jobs.startTraining();
    expect(clients).toHaveLength(4);
    lab.dispose();
    expect(clients.every((c) => c.disposed)).toBe(true);
  });
});
