import { encode, VOCAB } from '../data/tokenizer';
import type { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { IGNORE } from '../engine/ops/crossEntropy';
import { l2 } from '../engine/model';
import { nextTokenTargets } from '../engine/trace';
import { lensAtPoint } from './lens';
import {
  LENS_TOP_K,
  ProtocolError,
  parseRequest,
  type ModelInfo,
  type ModelSlot,
  type Response,
  type TraceRequest,
} from './protocol';

/**
 * The worker's logic as plain functions over plain state, so tests drive it in Node without
 * a Worker. `fetchBytes` is the only outside effect and is passed in; answers go to `post`,
 * which a trace calls several times as it streams.
 */
export interface HandlerDeps {
  fetchBytes: (url: string) => Promise<ArrayBuffer>;
}

export type Post = (r: Response) => void;

export function createHandler(deps: HandlerDeps) {
  const models: Partial<Record<ModelSlot, Model>> = {};

  function modelIn(slot: ModelSlot): Model {
    const m = models[slot];
    if (!m)
      throw new Error(
        `The ${slot === 'residual' ? 'model with skips' : 'model without skips'} is not loaded yet`,
      );
    return m;
  }

  async function handle(data: unknown, post: Post): Promise<void> {
    const id = requestId(data);
    let channel: 'on' | 'off' | undefined;
    try {
      const req = parseRequest(data);
      switch (req.type) {
        case 'load': {
          const bytes = await deps.fetchBytes(req.url);
          const { model } = deserializeModel(bytes);
          models[req.slot] = model;
          post({ type: 'loaded', id, info: modelInfo(model, req.slot, req.url) });
          return;
        }
        case 'evaluate': {
          const model = modelIn(req.slot);
          const enc = encode(req.text);
          const ids = enc.ids.subarray(0, model.config.contextLength);
          if (ids.length === 0) throw new Error('Type a sentence to run the model on');
          const loss = model.forward(model.workspace(1, ids.length), ids, nextTokenTargets(ids));
          post({
            type: 'evaluated',
            id,
            loss: Number.isFinite(loss) ? loss : null,
            words: enc.tokens.slice(0, ids.length).map((t) => t.text),
            unknown: enc.tokens.slice(0, ids.length).map((t) => t.unknown),
          });
          return;
        }
        case 'trace':
          channel = req.channel;
          trace(req, post);
          return;
      }
    } catch (e) {
      const message =
        e instanceof ProtocolError
          ? `Bad request: ${e.message}`
          : e instanceof Error
            ? e.message
            : String(e);
      post({ type: 'error', id, channel, message });
    }
  }

  function trace(req: TraceRequest, post: Post): void {
    const { id, channel } = req;
    const model = modelIn(req.slot);
    const c = model.config;
    const L = c.nLayers;
    const P = 2 * L + 1;
    for (const k of req.lesions) {
      if (k >= 2 * L)
        throw new Error(
          `Sublayer ${k} does not exist: this model has ${2 * L} (0 to ${2 * L - 1})`,
        );
    }
    const enc = encode(req.text);
    const ids = enc.ids.subarray(0, c.contextLength);
    const T = ids.length;
    if (T === 0) throw new Error('Type a sentence to run the model on');
    const alpha = req.skipStrength ?? c.skipStrength;
    post({
      type: 'traceStart',
      id,
      channel,
      slot: req.slot,
      words: enc.tokens.slice(0, T).map((t) => t.text),
      unknown: enc.tokens.slice(0, T).map((t) => t.unknown),
      truncated: enc.ids.length > T,
      tokenIds: Array.from(ids),
      T,
      dModel: c.dModel,
      nLayers: L,
      skipStrength: alpha,
      norm: c.norm,
    });

    const ws = model.workspace(1, T);
    const lesions = new Uint8Array(2 * L);
    for (const k of req.lesions) lesions[k] = 1;
    const targets = nextTokenTargets(ids);
    const loss = model.forward(ws, ids, targets, {
      lesions,
      skipStrength: alpha,
      // Each point goes out as soon as the forward pass has it.
      patch: (k, x) => {
        const r: Response = {
          type: 'tracePoint',
          id,
          channel,
          point: k,
          stream: Float32Array.from(x),
          contribution: k > 0 ? Float32Array.from(ws.contribution[k - 1]) : null,
          lesioned: k > 0 && lesions[k - 1] === 1,
        };
        post(r);
      },
    });

    const V = c.vocabSize;
    const positionLoss = new Float32Array(T).fill(NaN);
    for (let t = 0; t < T; t++) {
      if (targets[t] !== IGNORE)
        positionLoss[t] = -Math.log(Math.max(ws.probs[t * V + targets[t]], 1e-30));
    }
    const attention = new Float32Array(L * c.nHeads * T * T);
    for (let l = 0; l < L; l++) attention.set(ws.att[l], l * c.nHeads * T * T);

    const K = LENS_TOP_K;
    const lensTopIds = new Int32Array(P * T * K);
    const lensTopProbs = new Float32Array(P * T * K);
    const lensNextRank = new Int32Array(P * T);
    const lensInputRank = new Int32Array(P * T);
    const next = Array.from(targets);
    for (let k = 0; k < P; k++) {
      lensAtPoint(
        model,
        ws.stream[k],
        T,
        K,
        lensTopIds.subarray(k * T * K, (k + 1) * T * K),
        lensTopProbs.subarray(k * T * K, (k + 1) * T * K),
        [
          [next, lensNextRank.subarray(k * T, (k + 1) * T)],
          [ids, lensInputRank.subarray(k * T, (k + 1) * T)],
        ],
      );
    }

    let streamGradNorms = new Float32Array(0);
    if (T > 1) {
      model.backward(ws);
      streamGradNorms = Float32Array.from(ws.streamGrad, (g) => l2(g));
    }
    post({
      type: 'traceEnd',
      id,
      channel,
      loss: Number.isFinite(loss) ? loss : null,
      positionLoss,
      attention,
      nHeads: c.nHeads,
      lensTopIds,
      lensTopProbs,
      lensNextRank,
      lensInputRank,
      streamGradNorms,
    });
  }

  return { handle };
}

/** The id to answer with, even when the rest of the request is malformed (-1 if none). */
function requestId(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

function modelInfo(model: Model, slot: ModelSlot, source: string): ModelInfo {
  const c = model.config;
  return {
    slot,
    source,
    vocabSize: c.vocabSize,
    dModel: c.dModel,
    nHeads: c.nHeads,
    nLayers: c.nLayers,
    contextLength: c.contextLength,
    skipStrength: c.skipStrength,
    norm: c.norm,
    parameterCount: model.params.data.length,
    vocab:
      c.vocabSize === VOCAB.length
        ? [...VOCAB]
        : Array.from({ length: c.vocabSize }, (_, i) => `#${i}`),
  };
}
