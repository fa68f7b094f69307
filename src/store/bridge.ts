import { EngineClient } from '../worker/client';
import { slotFor, type Channel, type ModelSlot } from '../worker/protocol';
import type { AppState } from './store';
import { useApp } from './store';
import { attachMainEngine, receiveLabMessage } from './labBridge';
import { noteRequest, receiveTraceMessage, requestKey, traces, type TraceAsk } from './traces';

export const MODEL_URLS: Partial<Record<ModelSlot, string>> = {
  residual: 'models/residual.safetensors',
  plain: 'models/plain.safetensors',
};

/** What each channel asks the worker for, given the reader's choices. */
export function traceRequests(s: AppState): Record<Channel, TraceAsk> {
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
 * skip setting or the lesions change, asks for fresh traces on both channels. Returns a
 * function that disconnects.
 */
let userLoad: ((file: File) => void) | null = null;

/** Loads a reader's own safetensors file; its α decides whether it replaces the model with or without skips. */
export function loadUserModel(file: File): void {
  userLoad?.(file);
}

export function connectEngine(baseUri: string): () => void {
  const userLoads = new Map<number, string>();
  const client = new EngineClient({
    onResponse: (r) => {
      if (receiveTraceMessage(r) || receiveLabMessage(r)) return;
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
    },
    onCrash: (message) => {
      useApp.getState().notify('error', message);
      loadModels();
    },
  });

  const pendingLoads = new Map<number, ModelSlot>();
  function loadModels(): void {
    for (const slot of ['residual', 'plain'] as const) {
      const id = client.send({ type: 'load', slot, url: new URL(MODEL_URLS[slot]!, baseUri).href });
      pendingLoads.set(id, slot);
    }
  }

  function requestTraces(force = false): void {
    const s = useApp.getState();
    const reqs = traceRequests(s);
    for (const ch of ['on', 'off'] as const) {
      const req = reqs[ch];
      // Untrained twins are made by the worker from the shipped model.
      const available = req.slot.startsWith('init-') ? s.models.residual : s.models[req.slot];
      if (!available) continue;
      const key = requestKey(req);
      if (!force && key === traces.getState().requested[ch]?.key) continue;
      noteRequest(ch, client.send(req), key);
    }
  }

  loadModels();
  attachMainEngine((body) => client.send(body));
  userLoad = (file) => {
    void file.arrayBuffer().then((bytes) => {
      userLoads.set(
        client.send({ type: 'loadBytes', slot: 'auto', name: file.name, bytes }),
        file.name,
      );
    });
  };
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
    attachMainEngine(null);
    userLoad = null;
    client.dispose();
  };
}
