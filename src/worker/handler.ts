import { encode } from '../data/tokenizer';
import type { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import { ProtocolError, parseRequest, type ModelInfo, type Response } from './protocol';

/**
 * The worker's logic as plain functions over plain state, so tests drive it in Node
 * without a Worker. `fetchBytes` is the only outside effect and is passed in.
 */
export interface HandlerDeps {
  fetchBytes: (url: string) => Promise<ArrayBuffer>;
}

export function createHandler(deps: HandlerDeps) {
  let current: Model | null = null;

  async function handle(data: unknown): Promise<Response> {
    const id = requestId(data);
    try {
      const req = parseRequest(data);
      switch (req.type) {
        case 'load': {
          const bytes = await deps.fetchBytes(req.url);
          const { model } = deserializeModel(bytes);
          current = model;
          return { type: 'loaded', id, info: modelInfo(model, req.url) };
        }
        case 'evaluate': {
          if (!current) return { type: 'error', id, message: 'No model is loaded yet' };
          const enc = encode(req.text);
          const ctx = current.config.contextLength;
          const ids = enc.ids.subarray(0, ctx);
          if (ids.length === 0)
            return { type: 'error', id, message: 'The text has no words to run the model on' };
          const tr = traceSequence(current, ids);
          return {
            type: 'evaluated',
            id,
            text: req.text,
            tokens: enc.tokens.slice(0, ctx).map((t) => t.text),
            unknown: enc.tokens.slice(0, ctx).map((t) => t.unknown),
            loss: Number.isFinite(tr.loss) ? tr.loss : null,
          };
        }
      }
    } catch (e) {
      if (e instanceof ProtocolError)
        return { type: 'error', id, message: `Bad request: ${e.message}` };
      return { type: 'error', id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  return { handle };
}

/** The id to answer with, even when the rest of the request is malformed (-1 if none). */
function requestId(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

function modelInfo(model: Model, source: string): ModelInfo {
  const c = model.config;
  return {
    source,
    vocabSize: c.vocabSize,
    dModel: c.dModel,
    nHeads: c.nHeads,
    nLayers: c.nLayers,
    contextLength: c.contextLength,
    skipStrength: c.skipStrength,
    norm: c.norm,
    parameterCount: model.params.data.length,
  };
}
