import { EngineClient } from '../worker/client';
import {
  CHANNELS,
  slotFor,
  type Channel,
  type ModelSlot,
  type ModelSource,
  type RequestBody,
  type Response,
} from '../worker/protocol';
import { appendBounded } from '../analysis/boundedCurve';
import { SWEEP_BATCHES } from '../analysis/depthRows';
import { createFrameBatch } from './frameBatch';
import { sublayerCount } from './positions';
import {
  IDLE_PROBES,
  IDLE_RUN,
  RUN_SKIP_STRENGTH,
  lesionSweepSlots,
  type DepthSweepParams,
  type LabJobs,
  type LesionSweepOn,
} from './labSlice';
import { useApp } from './store';

/**
 * The lab's long jobs, each in workers of its own so the explorer's engine stays free:
 * a depth sweep runs skips on and off in two workers at once (one per core), and so does
 * side-by-side training. Results land in the store's lab slice.
 *
 * Everything here lives in one connection, made by the engine bridge (bridge.ts) and disposed
 * with it: the lab's workers never outlive the page's engine.
 */

const STARTING = 'Starting…';
/** Batches of 8 validation windows a small model's lesion sweep measures on. */
const LESION_BATCHES = 4;
/** The data seed the shipped models were trained on; the probes fit and score on its splits. */
const PROBE_SEED = 1;

/**
 * The models a source's probes measure: its pair, and for the shipped pair also its untrained
 * twins (same architecture, same seed), so learning can be told apart from architecture. The
 * untrained twins are the shipped architecture's, so a lab pair of another size gets none.
 */
export function probeSlots(source: ModelSource): ModelSlot[] {
  const pair = [slotFor(source, true), slotFor(source, false)];
  return source === 'trained' ? [...pair, 'init-residual', 'init-plain'] : pair;
}
const HISTORY_POINTS = 400;

type Save = (blob: Blob, name: string) => void;

export interface LabConnection {
  jobs: LabJobs;
  /** Handles the main engine's answers that belong to the lab; false if not one of them. */
  receive: (r: Response) => boolean;
  /**
   * The main engine crashed and was restarted: what was in flight there will not be answered,
   * and the lab pair handed to it is sent again (the new worker has only what it is sent).
   */
  engineRestarted: () => void;
  /**
   * Whether this load is the lab pair's hand-over arriving (its model with skips), after which
   * every view switches to it; a pair sent again to a restarted engine leaves the views alone.
   */
  switchesToLab: (r: Extract<Response, { type: 'loaded' }>) => boolean;
  /** Stops every lab worker. */
  dispose: () => void;
}

/**
 * `sendMain` sends to the explorer's own engine, which runs lesion sweeps and takes in the
 * models the lab hands over. `makeClient` is the worker factory (tests pass a stand-in).
 */
export function connectLab(
  sendMain: (body: RequestBody) => number,
  makeClient: (events: ConstructorParameters<typeof EngineClient>[0]) => EngineClient = (e) =>
    new EngineClient(e),
): LabConnection {
  let sweepClients: EngineClient[] = [];
  let trainClients: Partial<Record<Channel, EngineClient>> = {};
  /** Exports in flight, by channel and request id (each training worker numbers its own). */
  const pendingExports = new Set<string>();
  /** Exports asked for as downloads rather than for the explorer, with what saves them. */
  const pendingDownloads = new Map<string, Save>();
  /**
   * The pair last handed to the main engine, by slot, kept to send again after a crash (the
   * request is posted as a copy, so the bytes stay ours); and the ids of the hand-overs.
   */
  const handedOver = new Map<ModelSlot, RequestBody>();
  const handOverIds = new Set<number>();

  /** The probe request in flight on the main engine, and the slots still to ask for after it. */
  let probeId: number | null = null;
  let probeQueue: ModelSlot[] = [];

  function receive(r: Response): boolean {
    if (probeId !== null && r.id === probeId) return receiveProbe(r);
    if (lesionRequests.has(r.id)) return receiveLesion(r);
    // An answer to a cancelled sweep's last request.
    return droppedLesions.delete(r.id);
  }

  // ---- Lesion sweeps -----------------------------------------------------------------------

  /**
   * The request in flight of each running sweep, by id. A sweep runs in the explorer's engine
   * (GPT-2 lives only there) one slice per request, the next asked for when the last answers,
   * so the explorer's traces run in between (worker/lesionJob.ts).
   */
  const lesionRequests = new Map<number, ModelSlot>();
  /** Requests of cancelled sweeps still to be answered: their answers are dropped. */
  const droppedLesions = new Set<number>();

  function askLesion(slot: ModelSlot, resume: boolean): void {
    lesionRequests.set(
      sendMain({ type: 'lesionSweep', slot, batches: LESION_BATCHES, resume }),
      slot,
    );
  }

  function receiveLesion(r: Response): boolean {
    const slot = lesionRequests.get(r.id)!;
    lesionRequests.delete(r.id);
    const s = useApp.getState();
    const progress = { ...s.lesionProgress };
    delete progress[slot];
    if (r.type === 'lesionProgress') {
      s.setLab({
        lesionProgress: { ...s.lesionProgress, [slot]: { done: r.done, total: r.total } },
      });
      askLesion(slot, true);
    } else if (r.type === 'lesionSwept') {
      s.setLab({
        lesionResults: {
          ...s.lesionResults,
          [slot]: { intact: r.intact, lesioned: r.lesioned, predictionChange: r.predictionChange },
        },
        lesionProgress: progress,
      });
    } else if (r.type === 'error') {
      s.setLab({
        lesionErrors: { ...s.lesionErrors, [slot]: r.message },
        lesionProgress: progress,
      });
    }
    return true;
  }

  /**
   * Starts a sweep again from the top. Only that sweep's own run is stopped: the small models'
   * and GPT-2's sweeps are separate jobs in the worker (by slot) and may run side by side.
   */
  function runLesionSweep(on: LesionSweepOn = 'source'): void {
    cancelLesionSweep(on);
    const s = useApp.getState();
    const slots = lesionSweepSlots(on, s.source);
    // Each slot under way has an entry from the start, so a panel knows whose sweep is running.
    const progress = { ...s.lesionProgress };
    const errors = { ...s.lesionErrors };
    for (const slot of slots) {
      const L = s.models[slot]?.nLayers;
      progress[slot] = { done: 0, total: L === undefined ? 0 : sublayerCount(L) + 1 };
      delete errors[slot];
    }
    s.setLab({ lesionErrors: errors, lesionProgress: progress });
    for (const slot of slots) askLesion(slot, false);
  }

  function cancelLesionSweep(on: LesionSweepOn = 'source'): void {
    const s = useApp.getState();
    const slots = lesionSweepSlots(on, s.source);
    const progress = { ...s.lesionProgress };
    for (const [id, slot] of lesionRequests) {
      if (!slots.includes(slot)) continue;
      droppedLesions.add(id);
      lesionRequests.delete(id);
      delete progress[slot];
    }
    s.setLab({ lesionProgress: progress });
  }

  // ---- Probes ------------------------------------------------------------------------------

  /**
   * One model per request, so that the explorer's traces (which the engine's queue runs between
   * requests) wait for at most one model's fits, and a cancel takes effect after it.
   */
  function sendNextProbe(): void {
    const slot = probeQueue.shift();
    const s = useApp.getState();
    if (slot === undefined) {
      probeId = null;
      s.setLab({ probes: { ...s.probes, status: 'done' } });
      return;
    }
    probeId = sendMain({ type: 'probe', slot, seed: PROBE_SEED });
  }

  function receiveProbe(r: Response): boolean {
    const s = useApp.getState();
    if (r.type === 'probed') {
      const { word, position, agreement } = r;
      s.setLab({
        probes: {
          ...s.probes,
          results: { ...s.probes.results, [r.slot]: { word, position, agreement } },
        },
      });
      sendNextProbe();
    } else if (r.type === 'error') {
      probeId = null;
      probeQueue = [];
      s.setLab({ probes: { ...s.probes, status: 'error', error: r.message } });
    }
    return true;
  }

  function runProbes(): void {
    cancelProbes();
    const source = useApp.getState().source;
    const slots = probeSlots(source);
    useApp.getState().setLab({ probes: { ...IDLE_PROBES, status: 'running', source, slots } });
    probeQueue = [...slots];
    sendNextProbe();
  }

  /** The request in flight still runs in the engine; its answer is dropped. */
  function cancelProbes(): void {
    probeId = null;
    probeQueue = [];
    const s = useApp.getState();
    if (s.probes.status === 'running') s.setLab({ probes: { ...s.probes, status: 'idle' } });
  }

  function engineRestarted(): void {
    for (const body of handedOver.values()) sendMain(body);
    droppedLesions.clear();
    if (lesionRequests.size > 0) {
      const errors = { ...useApp.getState().lesionErrors };
      for (const slot of lesionRequests.values()) {
        errors[slot] = 'the engine restarted; run the sweep again.';
      }
      lesionRequests.clear();
      useApp.getState().setLab({ lesionProgress: {}, lesionErrors: errors });
    }
    if (probeId === null) return;
    probeId = null;
    probeQueue = [];
    const s = useApp.getState();
    s.setLab({
      probes: { ...s.probes, status: 'error', error: 'the engine restarted; run them again.' },
    });
  }

  // ---- Depth sweep -------------------------------------------------------------------------

  function startDepthSweep(params: DepthSweepParams): void {
    cancelDepthSweep();
    useApp.getState().setLab({
      depthSweep: {
        status: 'running',
        params,
        progress: { on: null, off: null },
        runs: { on: null, off: null },
        error: null,
      },
    });
    sweepClients = CHANNELS.map((ch) => {
      const client: EngineClient = makeClient({
        onResponse: (r) => {
          const s = useApp.getState();
          const d = s.depthSweep;
          if (r.type === 'depthProgress') {
            s.setLab({ depthSweep: { ...d, progress: { ...d.progress, [ch]: r } } });
          } else if (r.type === 'depthSwept') {
            const runs = { ...d.runs, [ch]: r.runs };
            const done = runs.on !== null && runs.off !== null;
            s.setLab({ depthSweep: { ...d, runs, status: done ? 'done' : d.status } });
            client.dispose();
          } else if (r.type === 'error') {
            s.setLab({ depthSweep: { ...d, status: 'error', error: r.message } });
          }
        },
        onCrash: (message) => {
          const s = useApp.getState();
          s.setLab({ depthSweep: { ...s.depthSweep, status: 'error', error: message } });
        },
      });
      client.send({
        type: 'depthSweep',
        ...params,
        skipStrength: RUN_SKIP_STRENGTH[ch],
        batches: SWEEP_BATCHES,
      });
      return client;
    });
  }

  function cancelDepthSweep(): void {
    for (const c of sweepClients) c.dispose();
    sweepClients = [];
    const s = useApp.getState();
    if (s.depthSweep.status === 'running')
      s.setLab({ depthSweep: { ...s.depthSweep, status: 'idle' } });
  }

  // ---- Side-by-side training -----------------------------------------------------------

  function onTrainResponse(ch: Channel, r: Response): void {
    const s = useApp.getState();
    const run = s.training[ch];
    switch (r.type) {
      case 'trainProgress': {
        const pts = (v: Float32Array) => Array.from(r.steps, (step, i) => ({ step, value: v[i] }));
        s.updateRun(ch, {
          // The first steps answer "Starting…"; warnings about the learning rate stay.
          ...(run.message === STARTING ? { message: '' } : {}),
          step: r.steps[r.steps.length - 1],
          totalSteps: r.totalSteps,
          stepsPerSecond: r.stepsPerSecond,
          loss: appendBounded(run.loss, pts(r.losses), HISTORY_POINTS),
          gradNorm: appendBounded(run.gradNorm, pts(r.gradNorms), HISTORY_POINTS),
          validLoss:
            r.validLoss === null
              ? run.validLoss
              : appendBounded(
                  run.validLoss,
                  [{ step: r.steps[r.steps.length - 1], value: r.validLoss }],
                  HISTORY_POINTS,
                ),
          layerGradNorms: r.layerGradNorms,
        });
        return;
      }
      case 'trainStopped':
        s.updateRun(ch, {
          state: r.reason === 'paused' ? 'paused' : r.reason,
          message: r.message,
          step: r.step,
        });
        return;
      case 'trainExported': {
        const key = `${ch}:${r.id}`;
        const save = pendingDownloads.get(key);
        if (save) {
          pendingDownloads.delete(key);
          save(
            new Blob([r.bytes], { type: 'application/octet-stream' }),
            `lab-${ch === 'on' ? 'with' : 'without'}-skips.safetensors`,
          );
          return;
        }
        if (!pendingExports.delete(key)) return;
        const slot = slotFor('lab', ch === 'on');
        const body: RequestBody = {
          type: 'loadBytes',
          slot,
          name: `lab model (${ch === 'on' ? 'with' : 'without'} skips)`,
          bytes: r.bytes,
        };
        handedOver.set(slot, body);
        handOverIds.add(sendMain(body));
        return;
      }
      case 'error':
        s.updateRun(ch, { state: 'failed', message: r.message });
        return;
    }
  }

  /** Progress from both workers, applied once per frame (see frameBatch). */
  const progress = createFrameBatch<[Channel, Response]>((items) => {
    for (const [ch, r] of items) onTrainResponse(ch, r);
  });

  function startTraining(): void {
    resetTraining();
    const app = useApp.getState();
    const settings = app.trainingSettings;
    for (const ch of CHANNELS) {
      const client = makeClient({
        onResponse: (r) => {
          if (r.type === 'trainProgress') return progress.push([ch, r]);
          // Anything else (a stop, an export) comes after the progress before it.
          progress.flush();
          onTrainResponse(ch, r);
        },
        onCrash: (message) => {
          progress.flush();
          useApp.getState().updateRun(ch, { state: 'failed', message });
        },
      });
      trainClients[ch] = client;
      const lr = settings.lr[ch];
      app.updateRun(ch, {
        ...IDLE_RUN,
        state: 'running',
        totalSteps: settings.steps,
        lr,
        message: learningRateWarning(lr) ?? STARTING,
      });
      client.send({
        type: 'trainStart',
        run: { ...settings, lr, skipStrength: RUN_SKIP_STRENGTH[ch] },
      });
    }
  }

  /** What a run at this learning rate should expect, if it is out of the ordinary. */
  function learningRateWarning(lr: number): string | null {
    if (lr === 0)
      return 'Learning rate 0: the weights will not change, so this run only measures the loss where it starts.';
    if (lr > 0.1)
      return `Learning rate ${lr} is very large: expect the loss to blow up (the run stops with a message if it does).`;
    return null;
  }

  function pauseTraining(): void {
    for (const ch of CHANNELS) {
      if (useApp.getState().training[ch].state === 'running')
        trainClients[ch]?.send({ type: 'trainPause' });
    }
  }

  function resumeTraining(): void {
    for (const ch of CHANNELS) {
      if (useApp.getState().training[ch].state === 'paused') {
        useApp.getState().updateRun(ch, { state: 'running', message: '' });
        trainClients[ch]?.send({ type: 'trainResume' });
      }
    }
  }

  function stopTrainingWorkers(): void {
    progress.cancel();
    for (const c of Object.values(trainClients)) c?.dispose();
    trainClients = {};
    pendingExports.clear();
    pendingDownloads.clear();
  }

  function resetTraining(): void {
    stopTrainingWorkers();
    useApp.getState().setLab({ training: { on: IDLE_RUN, off: IDLE_RUN }, labModelsReady: false });
  }

  /** Asks each training worker for its weights; `then` says what the answer is for. */
  function exportModels(then: (key: string) => void): void {
    for (const ch of CHANNELS) {
      const c = trainClients[ch];
      if (c) then(`${ch}:${c.send({ type: 'trainExport' })}`);
    }
  }

  const jobs: LabJobs = {
    runLesionSweep,
    cancelLesionSweep,
    runProbes,
    cancelProbes,
    startDepthSweep,
    cancelDepthSweep,
    startTraining,
    pauseTraining,
    resumeTraining,
    resetTraining,
    downloadLabModels: (save) => exportModels((key) => pendingDownloads.set(key, save)),
    exploreLabModels: () => {
      exportModels((key) => pendingExports.add(key));
      useApp.getState().setLab({ labModelsReady: true });
    },
  };

  return {
    jobs,
    receive,
    engineRestarted,
    switchesToLab: (r) =>
      handOverIds.delete(r.id) &&
      r.info.slot === 'lab-residual' &&
      useApp.getState().labModelsReady,
    dispose: () => {
      for (const c of sweepClients) c.dispose();
      sweepClients = [];
      stopTrainingWorkers();
    },
  };
}
