import { EngineClient, SILENT_LIMIT_MS } from '../worker/client';
import {
  errorText,
  fileSizeProblem,
  slotFor,
  type Channel,
  type Response,
} from '../worker/protocol';
import { connectLabLazily } from './lazyLab';
import { connectPositionLens } from './positionLens';
import { connectRealModel } from './realModelBridge';
import { showsRealModel, tracesRealModel } from './realModelSlice';
import type { AppState } from './store';
import { useApp } from './store';
import { tourRealRequests } from './tourRealTraces';
import {
  noteRequest,
  receiveTraceMessage,
  requestKey,
  traces,
  type TraceAsk,
  type TracesState,
} from './traces';

type ShippedSlot = 'residual' | 'plain';

export const MODEL_URLS: Record<ShippedSlot, string> = {
  residual: 'models/residual.safetensors',
  plain: 'models/plain.safetensors',
};

/** The reader's choices a trace depends on. */
export type TraceInputs = Pick<
  AppState,
  | 'text'
  | 'lesions'
  | 'source'
  | 'offMode'
  | 'skipStrength'
  | 'realModel'
  | 'realModelStatus'
  | 'view'
>;

/**
 * What each channel asks the worker for, given the reader's choices. The real model has no
 * twin trained without skips: its "off" channel is always its own skips weakened to α.
 */
export function traceRequests(s: TraceInputs): Record<Channel, TraceAsk> {
  const common = { type: 'trace', text: s.text, lesions: s.lesions } as const;
  if (tracesRealModel(s)) {
    return {
      on: { ...common, channel: 'on', slot: 'gpt2', skipStrength: null },
      off: { ...common, channel: 'off', slot: 'gpt2', skipStrength: s.skipStrength },
    };
  }
  const withSkips = slotFor(s.source, true);
  return {
    on: { ...common, channel: 'on', slot: withSkips, skipStrength: null },
    off:
      s.offMode === 'trained'
        ? { ...common, channel: 'off', slot: slotFor(s.source, false), skipStrength: null }
        : { ...common, channel: 'off', slot: withSkips, skipStrength: s.skipStrength },
  };
}

/**
 * The traces to ask for now: every channel's request whose model is loaded, less those already
 * asked for with the same key (unless `force`: a model just loaded). The tour's GPT-2 traces
 * (tourRealTraces.ts) go after the small models': the tour's own views come first.
 */
export function tracesToRequest(
  s: TraceInputs & Pick<AppState, 'models'>,
  requested: TracesState['requested'],
  force: boolean,
): TraceAsk[] {
  const reqs = [...Object.values(traceRequests(s)), ...Object.values(tourRealRequests(s) ?? {})];
  return reqs.filter((req) => {
    // Untrained twins are made by the worker from the shipped model.
    const available = req.slot.startsWith('init-') ? s.models.residual : s.models[req.slot];
    return available && (force || requestKey(req) !== requested[req.channel]?.key);
  });
}

/**
 * A reader's own model file, with a GPT-2 file's config.json: the files themselves, handles to
 * the disk, not their bytes. The model file is sent as it is, and the worker reads it as a
 * stream (GPT-2 small's 498 MB never in memory whole, on the page or in the worker).
 */
interface OwnModel {
  name: string;
  file: File;
  configFile?: File;
}

/**
 * Connects the store to the engine worker: loads the models, and whenever the text, the
 * skip setting or the lesions change, asks for fresh traces on both channels. Everything the
 * connection keeps lives in this call; its commands (a reader's model file, the lab's jobs)
 * are in the store as `engine` until the returned function disconnects.
 */
export function connectEngine(baseUri: string): () => void {
  /** Loads of a reader's own file, by request id: their answers are reported by file name. */
  const userLoads = new Map<number, OwnModel>();
  /** The same file sent again to a restarted worker, by request id. */
  const restores = new Map<number, OwnModel>();
  /** Loads of the shipped models, by request id: a failure belongs to the slot. */
  const pendingLoads = new Map<number, ShippedSlot>();
  /**
   * The reader's own file, once loaded: a restarted worker has only what it is sent, so the file
   * is kept here to read and send again.
   */
  let ownModel: OwnModel | null = null;

  /**
   * Sends a reader's file, with its config.json's text; resolves to the request's id. The File
   * itself, a handle on the disk, which the worker reads as a stream and installs as it arrives:
   * nothing on the page, nor in the worker, holds all of its bytes (GPT-2 small is 500 MB).
   */
  async function sendOwn(m: OwnModel): Promise<number> {
    // The page reads only the config.json (the worker reads the model file, and names it).
    const config = await m.configFile?.text().catch((e: unknown) => {
      throw new Error(`${m.configFile!.name} could not be read (${errorText(e)})`);
    });
    return client.send({ type: 'loadBytes', slot: 'auto', name: m.name, bytes: m.file, config });
  }

  function restoreFailed(own: OwnModel, why: string): void {
    useApp
      .getState()
      .notify(
        'error',
        `${own.name} could not be loaded again after the restart (${why}); the shipped model is shown instead.`,
      );
    if (ownModel === own) ownModel = null;
  }

  const client = new EngineClient(
    {
      onResponse: (r) => receive(r),
      onCrash: (message) => {
        useApp.getState().notify('error', message);
        lab.engineRestarted();
        loadModels();
        const own = ownModel;
        if (own) {
          void sendOwn(own).then(
            (id) => restores.set(id, own),
            (e: unknown) => restoreFailed(own, errorText(e)),
          );
        }
        real.lost();
      },
      onGiveUp: (message) =>
        useApp
          .getState()
          .notify('error', message, { label: 'Reload', run: () => window.location.reload() }),
    },
    undefined,
    { silentLimitMs: SILENT_LIMIT_MS },
  );
  const lab = connectLabLazily((body) => client.send(body));
  const real = connectRealModel((body) => client.send(body));
  const lens = connectPositionLens((body) => client.send(body));

  function receive(r: Response): void {
    if (receiveTraceMessage(r) || lens.receive(r) || lab.receive(r) || real.receive(r)) return;
    const app = useApp.getState();
    if (r.type === 'loaded') {
      app.modelLoaded(r.info);
      const own = userLoads.get(r.id);
      const restored = restores.get(r.id);
      if (own && r.info.slot === 'gpt2') {
        // Not sent again to a restarted engine: it drops the real model, which the reader
        // chooses again (realModelBridge.ts `lost`).
        userLoads.delete(r.id);
        real.loadedFromFile(r.info);
        app.notify(
          'info',
          `Loaded ${own.name}: GPT-2 with ${r.info.nLayers} layers, d = ${r.info.dModel}, shown as the real model.` +
            (r.info.headsAssumed
              ? ` Its ${r.info.nHeads} heads are assumed from GPT-2’s head size of 64; give its config.json with it to read them.`
              : ''),
        );
      } else if (own) {
        userLoads.delete(r.id);
        ownModel = own;
        app.setSource('trained');
        app.notify(
          'info',
          `Loaded ${own.name}: ${r.info.nLayers} layers, d = ${r.info.dModel}, α = ${r.info.skipStrength}, as the model ${r.info.slot === 'residual' ? 'with' : 'without'} skips.`,
        );
      } else if (restored) {
        restores.delete(r.id);
        app.notify('info', `${restored.name} was loaded again into the restarted engine.`);
      }
      // A lab pair handed over from training: show it in every view.
      if (lab.switchesToLab(r)) app.setSource('lab');
      requestTraces(true);
    } else if (r.type === 'error' && userLoads.has(r.id)) {
      app.notify('error', `Could not load ${userLoads.get(r.id)!.name}: ${r.message}`);
      userLoads.delete(r.id);
    } else if (r.type === 'error' && restores.has(r.id)) {
      restoreFailed(restores.get(r.id)!, r.message);
      restores.delete(r.id);
    } else if (r.type === 'error') {
      const slot = pendingLoads.get(r.id);
      if (!slot) return app.notify('error', r.message);
      pendingLoads.delete(r.id);
      app.modelFailed(slot, r.message);
      app.notify('error', r.message, { label: 'Retry', run: () => loadModel(slot) });
    }
  }

  function loadModel(slot: ShippedSlot): void {
    // A retry: the views wait for the model again rather than show the old failure.
    useApp.setState((s) => ({ loadErrors: { ...s.loadErrors, [slot]: undefined } }));
    const id = client.send({ type: 'load', slot, url: new URL(MODEL_URLS[slot], baseUri).href });
    pendingLoads.set(id, slot);
  }

  function loadModels(): void {
    loadModel('residual');
    loadModel('plain');
  }

  function requestTraces(force = false): void {
    for (const req of tracesToRequest(useApp.getState(), traces.getState().requested, force)) {
      noteRequest(req.channel, client.send(req), requestKey(req));
    }
  }

  function loadUserModel(file: File, configFile?: File): void {
    // Refused before reading: File.arrayBuffer() would copy all of it into memory.
    const tooBig = fileSizeProblem(file.size);
    if (tooBig) {
      useApp.getState().notify('error', `Could not load ${file.name}: ${tooBig}`);
      return;
    }
    const own: OwnModel = { name: file.name, file, configFile };
    void sendOwn(own).then(
      (id) => userLoads.set(id, own),
      (e: unknown) =>
        useApp.getState().notify('error', `Could not load ${file.name}: ${errorText(e)}`),
    );
  }

  loadModels();
  useApp.setState({
    engine: {
      ...lab.jobs,
      loadUserModel,
      downloadRealModel: real.download,
      cancelRealModel: real.cancel,
    },
  });
  const unsubscribe = useApp.subscribe((s, prev) => {
    if (
      s.text !== prev.text ||
      s.source !== prev.source ||
      s.models !== prev.models ||
      s.offMode !== prev.offMode ||
      s.skipStrength !== prev.skipStrength ||
      s.lesions !== prev.lesions ||
      tracesRealModel(s) !== tracesRealModel(prev) ||
      s.view !== prev.view ||
      showsRealModel(s) !== showsRealModel(prev)
    ) {
      requestTraces();
    }
  });
  return () => {
    unsubscribe();
    real.dispose();
    lens.dispose();
    useApp.setState({ engine: null });
    lab.dispose();
    client.dispose();
  };
}
