import { EngineClient } from '../worker/client';
import {
  CHANNELS,
  fileSizeProblem,
  slotFor,
  type Channel,
  type ModelSlot,
  type Response,
} from '../worker/protocol';
import { connectLab } from './labBridge';
import type { AppState } from './store';
import { useApp } from './store';
import { noteRequest, receiveTraceMessage, requestKey, traces, type TraceAsk } from './traces';

export const MODEL_URLS: Partial<Record<ModelSlot, string>> = {
  residual: 'models/residual.safetensors',
  plain: 'models/plain.safetensors',
};

/** The reader's choices a trace depends on. */
export type TraceInputs = Pick<
  AppState,
  'text' | 'lesions' | 'source' | 'offMode' | 'skipStrength'
>;

/** What each channel asks the worker for, given the reader's choices. */
export function traceRequests(s: TraceInputs): Record<Channel, TraceAsk> {
  const common = { type: 'trace', text: s.text, lesions: s.lesions } as const;
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
 * Connects the store to the engine worker: loads the models, and whenever the text, the
 * skip setting or the lesions change, asks for fresh traces on both channels. Everything the
 * connection keeps lives in this call; its commands (a reader's model file, the lab's jobs)
 * are in the store as `engine` until the returned function disconnects.
 */
export function connectEngine(baseUri: string): () => void {
  /** Loads of a reader's own file, by request id: their answers are reported by file name. */
  const userLoads = new Map<number, string>();
  /** Loads of the shipped models, by request id: a failure belongs to the slot. */
  const pendingLoads = new Map<number, ModelSlot>();

  const client = new EngineClient({
    onResponse: (r) => receive(r),
    onCrash: (message) => {
      useApp.getState().notify('error', message);
      loadModels();
    },
  });
  const lab = connectLab((body) => client.send(body));

  function receive(r: Response): void {
    if (receiveTraceMessage(r) || lab.receive(r)) return;
    const app = useApp.getState();
    if (r.type === 'loaded') {
      app.modelLoaded(r.info);
      const name = userLoads.get(r.id);
      if (name) {
        userLoads.delete(r.id);
        app.setSource('trained');
        app.notify(
          'info',
          `Loaded ${name}: ${r.info.nLayers} layers, d = ${r.info.dModel}, α = ${r.info.skipStrength}, as the model ${r.info.slot === 'residual' ? 'with' : 'without'} skips.`,
        );
      }
      // A lab pair handed over from training: show it in every view.
      if (r.info.slot === 'lab-residual' && app.labModelsReady) app.setSource('lab');
      requestTraces(true);
    } else if (r.type === 'error' && userLoads.has(r.id)) {
      app.notify('error', `Could not load ${userLoads.get(r.id)}: ${r.message}`);
      userLoads.delete(r.id);
    } else if (r.type === 'error') {
      const slot = pendingLoads.get(r.id);
      if (slot) app.modelFailed(slot, r.message);
      else app.notify('error', r.message);
    }
  }

  function loadModels(): void {
    for (const slot of ['residual', 'plain'] as const) {
      const id = client.send({ type: 'load', slot, url: new URL(MODEL_URLS[slot]!, baseUri).href });
      pendingLoads.set(id, slot);
    }
  }

  function requestTraces(force = false): void {
    const s = useApp.getState();
    const reqs = traceRequests(s);
    for (const ch of CHANNELS) {
      const req = reqs[ch];
      // Untrained twins are made by the worker from the shipped model.
      const available = req.slot.startsWith('init-') ? s.models.residual : s.models[req.slot];
      if (!available) continue;
      const key = requestKey(req);
      if (!force && key === traces.getState().requested[ch]?.key) continue;
      noteRequest(ch, client.send(req), key);
    }
  }

  function loadUserModel(file: File): void {
    // Refused before reading: File.arrayBuffer() would copy all of it into memory.
    const tooBig = fileSizeProblem(file.size);
    if (tooBig) {
      useApp.getState().notify('error', `Could not load ${file.name}: ${tooBig}`);
      return;
    }
    void file.arrayBuffer().then((bytes) => {
      userLoads.set(
        client.send({ type: 'loadBytes', slot: 'auto', name: file.name, bytes }),
        file.name,
      );
    });
  }

  loadModels();
  useApp.setState({ engine: { ...lab.jobs, loadUserModel } });
  const unsubscribe = useApp.subscribe((s, prev) => {
    if (
      s.text !== prev.text ||
      s.source !== prev.source ||
      s.models !== prev.models ||
      s.offMode !== prev.offMode ||
      s.skipStrength !== prev.skipStrength ||
      s.lesions !== prev.lesions
    ) {
      requestTraces();
    }
  });
  return () => {
    unsubscribe();
    useApp.setState({ engine: null });
    lab.dispose();
    client.dispose();
  };
}
