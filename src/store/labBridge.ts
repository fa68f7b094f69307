import { EngineClient } from '../worker/client';
import type { Response, RequestBody } from '../worker/protocol';
import { createFrameBatch } from './frameBatch';
import { appendBounded } from '../analysis/boundedCurve';
import { IDLE_RUN, type DepthSweepParams, type LabChannel } from './labSlice';
import { useApp } from './store';

/**
 * The lab's long jobs, each in workers of its own so the explorer's engine stays free:
 * a depth sweep runs skips on and off in two workers at once (one per core), and so does
 * side-by-side training. Results land in the store's lab slice.
 */

const CHANNELS: readonly LabChannel[] = ['on', 'off'];
const STARTING = 'Starting…';
const HISTORY_POINTS = 400;

let send: ((body: RequestBody) => number) | null = null;
/** Exports in flight, by channel and request id: each training worker numbers its own requests. */
const pendingExports = new Set<string>();
/** Exports asked for as downloads rather than for the explorer. */
const pendingDownloads = new Set<string>();

/** Called by the engine bridge with the main engine's sender. */
export function attachMainEngine(sender: ((body: RequestBody) => number) | null): void {
  send = sender;
}

/** Handles the main engine's answers that belong to the lab; false if not one of them. */
export function receiveLabMessage(r: Response): boolean {
  if (r.type !== 'lesionSwept') return false;
  const s = useApp.getState();
  s.setLab({
    lesionResults: {
      ...s.lesionResults,
      [r.slot]: { intact: r.intact, lesioned: r.lesioned, predictionChange: r.predictionChange },
    },
    lesionBusy: false,
  });
  return true;
}

/** Validation loss with each sublayer removed, for the current source's two models. */
export function runLesionSweep(): void {
  if (!send) return;
  const source = useApp.getState().source;
  useApp.getState().setLab({ lesionBusy: true });
  for (const skips of [true, false]) {
    const slot =
      source === 'trained'
        ? skips
          ? 'residual'
          : 'plain'
        : (`${source}-${skips ? 'residual' : 'plain'}` as const);
    send({ type: 'lesionSweep', slot, batches: 4 });
  }
}

// ---- Depth sweep ---------------------------------------------------------------------------

let sweepClients: EngineClient[] = [];

export function startDepthSweep(params: DepthSweepParams): void {
  cancelDepthSweep();
  const app = useApp.getState();
  app.setLab({
    depthSweep: {
      status: 'running',
      params,
      progress: { on: null, off: null },
      runs: { on: null, off: null },
      error: null,
    },
  });
  sweepClients = CHANNELS.map((ch) => {
    const client: EngineClient = new EngineClient({
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
    client.send({ type: 'depthSweep', ...params, skipStrength: ch === 'on' ? 1 : 0, batches: 2 });
    return client;
  });
}

export function cancelDepthSweep(): void {
  for (const c of sweepClients) c.dispose();
  sweepClients = [];
  const s = useApp.getState();
  if (s.depthSweep.status === 'running')
    s.setLab({ depthSweep: { ...s.depthSweep, status: 'idle' } });
}

// ---- Side-by-side training -------------------------------------------------------------

let trainClients: Partial<Record<LabChannel, EngineClient>> = {};

function onTrainResponse(ch: LabChannel, r: Response): void {
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
      if (pendingDownloads.delete(`${ch}:${r.id}`)) {
        saveFile?.(
          new Blob([r.bytes], { type: 'application/octet-stream' }),
          `lab-${ch === 'on' ? 'with' : 'without'}-skips.safetensors`,
        );
        return;
      }
      if (!pendingExports.has(`${ch}:${r.id}`)) return;
      pendingExports.delete(`${ch}:${r.id}`);
      send?.({
        type: 'loadBytes',
        slot: ch === 'on' ? 'lab-residual' : 'lab-plain',
        name: `lab model (${ch === 'on' ? 'with' : 'without'} skips)`,
        bytes: r.bytes,
      });
      return;
    }
    case 'error':
      s.updateRun(ch, { state: 'failed', message: r.message });
      return;
  }
}

/** Progress from both workers, applied once per frame (see frameBatch). */
const progress = createFrameBatch<[LabChannel, Response]>((items) => {
  for (const [ch, r] of items) onTrainResponse(ch, r);
});

export function startTraining(): void {
  resetTraining();
  const app = useApp.getState();
  const settings = app.trainingSettings;
  for (const ch of CHANNELS) {
    const client = new EngineClient({
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
    app.updateRun(ch, {
      ...IDLE_RUN,
      state: 'running',
      totalSteps: settings.steps,
      message:
        settings.lr === 0
          ? 'Learning rate 0: the weights will not change, so this run only measures the loss where it starts.'
          : settings.lr > 0.1
            ? `Learning rate ${settings.lr} is very large: expect the loss to blow up (the run stops with a message if it does).`
            : STARTING,
    });
    client.send({ type: 'trainStart', run: { ...settings, skipStrength: ch === 'on' ? 1 : 0 } });
  }
}

export function pauseTraining(): void {
  for (const ch of CHANNELS) {
    if (useApp.getState().training[ch].state === 'running')
      trainClients[ch]?.send({ type: 'trainPause' });
  }
}

export function resumeTraining(): void {
  for (const ch of CHANNELS) {
    if (useApp.getState().training[ch].state === 'paused') {
      useApp.getState().updateRun(ch, { state: 'running', message: '' });
      trainClients[ch]?.send({ type: 'trainResume' });
    }
  }
}

export function resetTraining(): void {
  progress.cancel();
  for (const c of Object.values(trainClients)) c?.dispose();
  trainClients = {};
  const s = useApp.getState();
  s.setLab({ training: { on: IDLE_RUN, off: IDLE_RUN }, labModelsReady: false });
}

let saveFile: ((blob: Blob, name: string) => void) | null = null;

/** Downloads both lab-trained models as safetensors files (`save` does the saving, in the page). */
export function downloadLabModels(save: (blob: Blob, name: string) => void): void {
  saveFile = save;
  for (const ch of CHANNELS) {
    const c = trainClients[ch];
    if (c) pendingDownloads.add(`${ch}:${c.send({ type: 'trainExport' })}`);
  }
}

/** Hands the two lab models to the explorer's engine and switches every view to them. */
export function exploreLabModels(): void {
  for (const ch of CHANNELS) {
    const c = trainClients[ch];
    if (!c) continue;
    const id = c.send({ type: 'trainExport' });
    pendingExports.add(`${ch}:${id}`);
  }
  useApp.getState().setLab({ labModelsReady: true });
}
