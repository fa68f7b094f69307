import { WEIGHTS_CACHE, type ModelInfo, type RequestBody, type Response } from '../worker/protocol';
import { REAL_MODELS, realModelUrls, type RealModelId } from './realModels';
import { showsRealModel, type RealModelStatus } from './realModelSlice';
import { useApp } from './store';

export interface RealModelConnection {
  /** The reader agreed to the download the page asked about. */
  download: () => void;
  /** Stops the download under way; the small models stay shown. */
  cancel: () => void;
  /** Handles the engine's answers to the download; false if not one of them. */
  receive: (r: Response) => boolean;
  /** The engine restarted without the real model: go back to the small models, saying so. */
  lost: () => void;
  /** A GPT-2 file the reader dropped or picked has loaded: show it as the real model. */
  loadedFromFile: (info: ModelInfo) => void;
  dispose: () => void;
}

/** Whether the browser has the file from an earlier visit (the worker keeps it there). */
async function isCached(url: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    return !!(await (await caches.open(WEIGHTS_CACHE)).match(url));
  } catch {
    // Storage may be refused (a private window, blocked cookies): then nothing is cached.
    return false;
  }
}

/**
 * Brings the real model in when the reader chooses it (`realModel` in the store, `model` in the
 * URL), through the page's engine: from the browser's cache at once and without asking, or
 * after the reader agrees to the download the page states the size of. A failure or a cancel
 * says so and goes back to the small models, which stay loaded throughout.
 */
export function connectRealModel(send: (body: RequestBody) => number): RealModelConnection {
  /** The download in flight, and whether the reader asked to stop it. */
  let pending: { id: number; model: RealModelId; cancelled: boolean } | null = null;
  const status = (s: RealModelStatus) => useApp.getState().setRealModelStatus(s);

  function start(model: RealModelId): void {
    if (pending) cancel();
    const urls = realModelUrls(model);
    const id = send({
      type: 'download',
      slot: 'gpt2',
      url: urls.weights,
      configUrl: urls.config,
      name: REAL_MODELS[model].label,
    });
    pending = { id, model, cancelled: false };
    status({ phase: 'downloading', model, done: 0, total: null });
  }

  /** Follows the reader's choice: nothing to do, a cache hit to load, or a download to ask about. */
  async function follow(): Promise<void> {
    const s = useApp.getState();
    const want = s.realModel;
    const st = s.realModelStatus;
    if (want === 'none') {
      if (pending) cancel();
      if (st.phase !== 'idle' && st.phase !== 'loaded') status({ phase: 'idle' });
      return;
    }
    if (st.phase !== 'idle' && st.phase !== 'loaded' && st.model === want) return;
    if (showsRealModel(s)) return;
    status({ phase: 'checking', model: want });
    const cached = await isCached(realModelUrls(want).weights);
    // The reader may have chosen otherwise while the cache answered.
    const now = useApp.getState();
    if (now.realModel !== want || now.realModelStatus.phase !== 'checking') return;
    if (cached) start(want);
    else status({ phase: 'confirm', model: want });
  }

  function download(): void {
    const st = useApp.getState().realModelStatus;
    if (st.phase === 'confirm') start(st.model);
  }

  function cancel(): void {
    if (!pending) return;
    pending.cancelled = true;
    send({ type: 'cancel', target: pending.id });
  }

  function receive(r: Response): boolean {
    if (!pending || r.id !== pending.id) return false;
    const { model, cancelled } = pending;
    const app = useApp.getState();
    if (r.type === 'downloadProgress') {
      status({ phase: 'downloading', model, done: r.done, total: r.total });
    } else if (r.type === 'loaded') {
      pending = null;
      const from = r.fromCache ? 'cache' : 'download';
      status({ phase: 'loaded', model, from, ...(r.notKept && { notKept: r.notKept }) });
      app.modelLoaded(r.info);
    } else if (r.type === 'error') {
      pending = null;
      status({ phase: 'idle' });
      app.setRealModel('none');
      if (cancelled) {
        app.notify('info', `The download of ${REAL_MODELS[model].label} was cancelled.`);
      } else {
        app.notify('error', `${r.message} The small models are still loaded.`, {
          label: 'Retry',
          // A retry is the reader's own request: no need to ask again.
          run: () => {
            useApp.getState().setRealModel(model);
            start(model);
          },
        });
      }
    }
    return true;
  }

  function lost(): void {
    const st = useApp.getState().realModelStatus;
    if (st.phase !== 'loaded' && st.phase !== 'downloading') return;
    pending = null;
    status({ phase: 'idle' });
    useApp.getState().setRealModel('none');
    useApp
      .getState()
      .notify(
        'warning',
        `${REAL_MODELS[st.model].label} was dropped when the engine restarted; choose it again to reload it.`,
      );
  }

  function loadedFromFile(info: ModelInfo): void {
    if (pending) cancel();
    // Which published model it is, by its depth (distilgpt2 has 6 layers): what a link will fetch.
    const model: RealModelId = info.nLayers === 6 ? 'distilgpt2' : 'gpt2';
    status({ phase: 'loaded', model, from: 'file' });
    useApp.getState().setRealModel(model);
  }

  const unsubscribe = useApp.subscribe((s, prev) => {
    if (s.realModel !== prev.realModel) void follow();
  });
  void follow();
  return { download, cancel, receive, lost, loadedFromFile, dispose: unsubscribe };
}
