import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo, RequestBody } from '../worker/protocol';
import { traceRequests } from './bridge';
import { shownLayers, shownModel } from './positions';
import { showsRealModel, tracesRealModel } from './realModelSlice';
import { EXPLORER_DEFAULTS } from './explorerSlice';
import { connectRealModel, type RealModelConnection } from './realModelBridge';
import { useApp } from './store';

const GPT2_URL = 'https://huggingface.co/openai-community/gpt2/resolve/main/model.safetensors';
const GPT2_DOWNLOAD = {
  type: 'download',
  slot: 'gpt2',
  url: GPT2_URL,
  configUrl: 'https://huggingface.co/openai-community/gpt2/resolve/main/config.json',
  name: 'GPT-2 small',
};

const info: ModelInfo = {
  slot: 'gpt2',
  source: 'GPT-2 small',
  vocabSize: 50257,
  dModel: 768,
  nHeads: 12,
  headsAssumed: false,
  nLayers: 12,
  contextLength: 1024,
  skipStrength: 1,
  norm: 'pre',
  parameterCount: 0,
  vocab: [],
  tokenizer: 'gpt2',
};

/** Lets the bridge's cache look (a promise) settle. */
const settle = () => new Promise((ok) => setTimeout(ok, 0));

let sent: RequestBody[];
let real: RealModelConnection;
/** URLs the stand-in Cache Storage holds. */
let cached: Set<string>;

beforeEach(() => {
  useApp.setState({
    ...EXPLORER_DEFAULTS,
    notices: [],
    models: {},
    loadErrors: {},
    realModelStatus: { phase: 'idle' },
  });
  vi.stubGlobal('document', { baseURI: 'http://localhost/', querySelector: () => null });
  cached = new Set();
  vi.stubGlobal('caches', {
    open: async () => ({ match: async (url: string) => (cached.has(url) ? {} : undefined) }),
  });
  sent = [];
  real = connectRealModel((body) => sent.push(body) - 1);
});

afterEach(() => {
  real.dispose();
  vi.unstubAllGlobals();
});

describe('bringing the real model in', () => {
  it('asks before downloading, then shows progress and the model once loaded', async () => {
    useApp.getState().setRealModel('gpt2');
    await settle();
    expect(useApp.getState().realModelStatus).toEqual({ phase: 'confirm', model: 'gpt2' });
    expect(sent).toEqual([]);
    real.download();
    expect(sent).toEqual([GPT2_DOWNLOAD]);
    real.receive({ type: 'downloadProgress', id: 0, done: 1e6, total: 548e6 });
    expect(useApp.getState().realModelStatus).toEqual({
      phase: 'downloading',
      model: 'gpt2',
      done: 1e6,
      total: 548e6,
    });
    // The small models are traced meanwhile.
    expect(traceRequests(useApp.getState()).on.slot).toBe('residual');
    real.receive({ type: 'loaded', id: 0, info, fromCache: false });
    const s = useApp.getState();
    expect(s.realModelStatus).toEqual({ phase: 'loaded', model: 'gpt2', from: 'download' });
    expect(s.models.gpt2).toBe(info);
    // Both channels trace GPT-2: "off" is its own skips weakened, as it has no twin.
    const reqs = traceRequests({ ...s, skipStrength: 0.5 });
    expect([reqs.on.slot, reqs.off.slot, reqs.off.skipStrength]).toEqual(['gpt2', 'gpt2', 0.5]);
  });

  it('loads a cached model without asking', async () => {
    cached.add(GPT2_URL);
    useApp.getState().setRealModel('gpt2');
    await settle();
    expect(sent).toEqual([GPT2_DOWNLOAD]);
  });

  it('names a failure, goes back to the small models, and offers a retry', async () => {
    useApp.getState().setRealModel('gpt2');
    await settle();
    real.download();
    real.receive({ type: 'error', id: 0, message: 'Could not download GPT-2 small: HTTP 404.' });
    const s = useApp.getState();
    expect(s.realModel).toBe('none');
    expect(s.realModelStatus).toEqual({ phase: 'idle' });
    const [notice] = s.notices;
    expect(notice).toMatchObject({
      kind: 'error',
      text: 'Could not download GPT-2 small: HTTP 404. The small models are still loaded.',
      action: { label: 'Retry' },
    });
    notice.action!.run();
    expect(useApp.getState().realModel).toBe('gpt2');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ type: 'download', url: GPT2_URL });
  });

  it('cancels: tells the worker, then says the download was cancelled', async () => {
    useApp.getState().setRealModel('gpt2');
    await settle();
    real.download();
    real.cancel();
    expect(sent[1]).toEqual({ type: 'cancel', target: 0 });
    real.receive({ type: 'error', id: 0, message: 'The download was cancelled.' });
    const s = useApp.getState();
    expect(s.realModel).toBe('none');
    expect(s.notices.map((n) => [n.kind, n.text])).toEqual([
      ['info', 'The download of GPT-2 small was cancelled.'],
    ]);
  });

  it('stops asking when the reader keeps the small models', async () => {
    useApp.getState().setRealModel('gpt2');
    await settle();
    useApp.getState().setRealModel('none');
    await settle();
    expect(useApp.getState().realModelStatus).toEqual({ phase: 'idle' });
    expect(sent).toEqual([]);
  });

  it('shows a dropped GPT-2 file as the real model, without downloading it', () => {
    useApp.getState().modelLoaded(info);
    real.loadedFromFile(info);
    const s = useApp.getState();
    expect(s.realModel).toBe('gpt2');
    expect(s.realModelStatus).toEqual({ phase: 'loaded', model: 'gpt2', from: 'file' });
    expect(traceRequests(s).on.slot).toBe('gpt2');
    expect(sent).toEqual([]);
  });

  it('traces GPT-2 in the explorer, but the small models in the tour, whose story is theirs', () => {
    const small = { ...info, slot: 'residual', nLayers: 4, dModel: 64 } as const;
    useApp.getState().modelLoaded(small);
    useApp.getState().modelLoaded(info);
    real.loadedFromFile(info);
    const s = useApp.getState();
    expect(shownModel(s)).toBe(info);
    expect(shownLayers(s)).toBe(12);
    const tour = { ...s, view: 'tour' as const };
    expect(showsRealModel(tour)).toBe(true);
    expect(tracesRealModel(tour)).toBe(false);
    expect(traceRequests(tour).on.slot).toBe('residual');
    expect(traceRequests(tour).off.slot).toBe('plain');
    expect(shownModel(tour)).toEqual(small);
    expect(shownLayers(tour)).toBe(4);
  });
});
