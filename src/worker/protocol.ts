/**
 * Every message between the page and the engine worker, and the checks that guard the
 * boundary. Views and the store know the engine only through these types.
 */

export interface ModelInfo {
  /** Where the weights came from (a URL relative to the page, or a file name). */
  source: string;
  vocabSize: number;
  dModel: number;
  nHeads: number;
  nLayers: number;
  contextLength: number;
  skipStrength: number;
  norm: 'pre' | 'post' | 'none';
  parameterCount: number;
}

export type Request =
  /** Fetch a safetensors model and make it the current one. */
  | { type: 'load'; id: number; url: string }
  /** Mean next-token loss of the current model on a text. */
  | { type: 'evaluate'; id: number; text: string };

export type Response =
  | { type: 'loaded'; id: number; info: ModelInfo }
  | {
      type: 'evaluated';
      id: number;
      text: string;
      tokens: string[];
      unknown: boolean[];
      loss: number | null;
    }
  | { type: 'error'; id: number; message: string };

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
  if (v.length > maxLength)
    throw new ProtocolError(`"${key}" is ${v.length} characters; at most ${maxLength} allowed`);
  return v;
}

/** Checks a message arriving at the worker; throws ProtocolError naming what is wrong. */
export function parseRequest(data: unknown): Request {
  if (!isObject(data)) throw new ProtocolError('a request must be an object');
  const id = requireId(data);
  switch (data.type) {
    case 'load':
      return { type: 'load', id, url: requireString(data, 'url', 2048) };
    case 'evaluate':
      return { type: 'evaluate', id, text: requireString(data, 'text', 10_000) };
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(data.type)}`);
  }
}
