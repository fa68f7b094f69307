/**
 * Every message between the page and the engine worker, and the checks that guard the
 * boundary. Views and the store know the engine only through these types.
 *
 * A trace streams: `traceStart`, then one `tracePoint` per residual point as the forward pass
 * computes it, then `traceEnd` with what needs the whole pass (the logit lens, gradients).
 * Big arrays are Float32Array/Int32Array moved with transfer lists, never nested arrays.
 */

/** Which shipped model: trained with skips (α = 1) or without (α = 0). */
export type ModelSlot = 'residual' | 'plain';
export const MODEL_SLOTS: readonly ModelSlot[] = ['residual', 'plain'];

/**
 * A trace channel: the explorer keeps one trace with skips on and one with skips off, so the
 * skip toggle swaps between two ready answers. A newer request on a channel supersedes older ones.
 */
export type Channel = 'on' | 'off';

export interface ModelInfo {
  slot: ModelSlot;
  source: string;
  vocabSize: number;
  dModel: number;
  nHeads: number;
  nLayers: number;
  contextLength: number;
  skipStrength: number;
  norm: 'pre' | 'post' | 'none';
  parameterCount: number;
  vocab: string[];
}

export interface TraceRequest {
  type: 'trace';
  id: number;
  channel: Channel;
  slot: ModelSlot;
  text: string;
  /** α at inference; null keeps the model's own. */
  skipStrength: number | null;
  /** Sublayers to remove (k = 2l attention, 2l + 1 MLP of layer l). */
  lesions: number[];
}

export type Request =
  | { type: 'load'; id: number; slot: ModelSlot; url: string }
  | TraceRequest
  /** Mean next-token loss of a model on a text (no streaming). */
  | { type: 'evaluate'; id: number; slot: ModelSlot; text: string };

/** A request without its id: the client numbers them. */
export type RequestBody = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;

export interface TraceStart {
  type: 'traceStart';
  id: number;
  channel: Channel;
  slot: ModelSlot;
  words: string[];
  unknown: boolean[];
  /** The text had more tokens than the context; only the first T are traced. */
  truncated: boolean;
  tokenIds: number[];
  T: number;
  dModel: number;
  nLayers: number;
  skipStrength: number;
  norm: 'pre' | 'post' | 'none';
}

export interface TracePoint {
  type: 'tracePoint';
  id: number;
  channel: Channel;
  /** Residual point k: the stream before sublayer k (2L: after the last block). */
  point: number;
  stream: Float32Array; // (T, C)
  /** f_{k−1}(x), what the sublayer just before this point wrote; null at the embedding. */
  contribution: Float32Array | null; // (T, C)
  lesioned: boolean;
}

export const LENS_TOP_K = 5;

export interface TraceEnd {
  type: 'traceEnd';
  id: number;
  channel: Channel;
  /** Mean next-token loss; null for a single word. */
  loss: number | null;
  /** −log p(next word) at each position (NaN at the last). */
  positionLoss: Float32Array; // (T)
  attention: Float32Array; // (L, nh, T, T)
  nHeads: number;
  /** Logit lens: each point read through the final LayerNorm and the unembedding. */
  lensTopIds: Int32Array; // (P, T, K)
  lensTopProbs: Float32Array; // (P, T, K)
  /** Rank (0 = top) of the actual next word under the lens, −1 at the last position. */
  lensNextRank: Int32Array; // (P, T)
  /** Rank of the input word itself under the lens: how much of the token's identity the stream still shows. */
  lensInputRank: Int32Array; // (P, T)
  /** ‖∂loss/∂x_k‖ over the sequence at each point; empty for a single word. */
  streamGradNorms: Float32Array; // (P)
}

export type Response =
  | { type: 'loaded'; id: number; info: ModelInfo }
  | { type: 'evaluated'; id: number; loss: number | null; words: string[]; unknown: boolean[] }
  | TraceStart
  | TracePoint
  | TraceEnd
  | { type: 'error'; id: number; channel?: Channel; message: string };

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function requireId(m: Record<string, unknown>): number {
  const id = m.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new ProtocolError(`message id must be a non-negative integer, got ${JSON.stringify(id)}`);
  }
  return id;
}

function requireString(m: Record<string, unknown>, key: string, maxLength: number): string {
  const v = m[key];
  if (typeof v !== 'string') throw new ProtocolError(`"${key}" must be a string, got ${typeof v}`);
  if (v.length > maxLength) {
    throw new ProtocolError(`"${key}" is ${v.length} characters; at most ${maxLength} allowed`);
  }
  return v;
}

function requireOneOf<T extends string>(
  m: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
): T {
  const v = m[key];
  if (!allowed.includes(v as T)) {
    throw new ProtocolError(
      `"${key}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`,
    );
  }
  return v as T;
}

export const MAX_TEXT = 10_000;

/** Checks a message arriving at the worker; throws ProtocolError naming what is wrong. */
export function parseRequest(data: unknown): Request {
  if (!isObject(data)) throw new ProtocolError('a request must be an object');
  const id = requireId(data);
  switch (data.type) {
    case 'load':
      return {
        type: 'load',
        id,
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        url: requireString(data, 'url', 2048),
      };
    case 'evaluate':
      return {
        type: 'evaluate',
        id,
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        text: requireString(data, 'text', MAX_TEXT),
      };
    case 'trace': {
      const a = data.skipStrength;
      if (a !== null && (typeof a !== 'number' || !(a >= 0 && a <= 1))) {
        throw new ProtocolError(
          `"skipStrength" must be null or a number from 0 to 1, got ${JSON.stringify(a)}`,
        );
      }
      const lesions = data.lesions;
      if (
        !Array.isArray(lesions) ||
        lesions.length > 256 ||
        !lesions.every((k) => Number.isInteger(k) && k >= 0 && k < 256)
      ) {
        throw new ProtocolError('"lesions" must be an array of sublayer indices (integers from 0)');
      }
      return {
        type: 'trace',
        id,
        channel: requireOneOf(data, 'channel', ['on', 'off'] as const),
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        text: requireString(data, 'text', MAX_TEXT),
        skipStrength: a as number | null,
        lesions: lesions as number[],
      };
    }
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(data.type)}`);
  }
}

/** The buffers a response can hand over without copying. */
export function transferables(r: Response): Transferable[] {
  const out: Transferable[] = [];
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  };
  for (const v of Object.values(r)) add(v);
  return out;
}
