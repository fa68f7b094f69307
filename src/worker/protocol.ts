/**
 * Every message between the page and the engine worker, and the checks that guard the
 * boundary. Views and the store know the engine only through these types.
 *
 * A trace streams: `traceStart`, then one `tracePoint` per residual point as the forward pass
 * computes it, then `traceEnd` with what needs the whole pass (the logit lens, gradients). A
 * large vocabulary's lens is left out and asked for one position at a time (`lens`, `lensAt`).
 * A trace superseded while it runs (a newer request on its channel arrived) stops at its next
 * pause, after its forward pass or its backward pass, and sends nothing more: no `traceEnd`, no
 * error. Only the newest request of a channel is answered in full.
 * Big arrays are Float32Array/Int32Array moved with transfer lists, never nested arrays.
 */
import type { DepthSweepProgress } from '../analysis/depthSweep';
import type { TokenizerName } from '../data/textTokenizer';
import {
  INIT_SCHEMES,
  NORM_PLACEMENTS,
  type InitScheme,
  type NormPlacement,
} from '../engine/config';
import { isSkipStrength, skipStrengthProblem } from '../engine/skipStrength';

export type { InitScheme, NormPlacement, TokenizerName };

/** What a valid α is, for the store and the views, which know the engine only through this file. */
export { clampSkipStrength, isSkipStrength } from '../engine/skipStrength';
/**
 * The page refuses a reader's file by its size before reading it (store/bridge.ts), and states
 * a download's size in the same units as the engine's messages (store/realModels.ts).
 */
export { fileSizeProblem, formatBytes } from '../engine/budget';

/** An error as a sentence's part, the same on both sides of the wire. */
export { errorText } from '../engine/errorText';

/** Each network's own learning rate, the lab's default for it (training/learningRate.ts). */
export { ownLearningRate } from '../training/learningRate';

/**
 * How the messages count places in the model (TracePoint.point, lesions as sublayers, a stage),
 * for the store and the views, which know the engine only through this file.
 */
export * from '../engine/positions';

/**
 * Where a model comes from, each with skips (α = 1) and without (α = 0): the shipped trained
 * pair, the same architecture freshly initialised (same seed), or a pair trained in the lab.
 */
export type ModelSource = 'trained' | 'init' | 'lab';
export const MODEL_SOURCES: readonly ModelSource[] = ['trained', 'init', 'lab'];
/** The slots of the small models, and `gpt2`: the real model, when the reader downloads it. */
export type ModelSlot =
  'residual' | 'plain' | 'init-residual' | 'init-plain' | 'lab-residual' | 'lab-plain' | 'gpt2';
export const MODEL_SLOTS: readonly ModelSlot[] = [
  'residual',
  'plain',
  'init-residual',
  'init-plain',
  'lab-residual',
  'lab-plain',
  'gpt2',
];

/** Each slot's model in words, for messages and progress. */
export const MODEL_SLOT_NAMES: Record<ModelSlot, string> = {
  residual: 'model trained with skips',
  plain: 'model trained without skips',
  'init-residual': 'untrained model with skips',
  'init-plain': 'untrained model without skips',
  'lab-residual': 'lab model with skips',
  'lab-plain': 'lab model without skips',
  gpt2: 'real model',
};

export function slotFor(source: ModelSource, skips: boolean): ModelSlot {
  const base = skips ? 'residual' : 'plain';
  return source === 'trained' ? base : (`${source}-${base}` as ModelSlot);
}

/** A training run of the lab: one model, trained in its own worker. */
export interface TrainRun {
  skipStrength: number;
  nLayers: number;
  dModel: number;
  lr: number;
  steps: number;
  seed: number;
  norm: NormPlacement;
  /** The weights' initialisation; the network's own (`defaultInitFor(skipStrength)`) if not given. */
  init?: InitScheme;
  /** Tokens per training window and windows per batch (defaults 32 and 8). */
  contextLength?: number;
  batchSize?: number;
}

export interface DepthSweepRequest {
  type: 'depthSweep';
  id: number;
  layers: number[];
  norm: NormPlacement;
  skipStrength: number;
  trainSteps: number;
  seed: number;
  batches: number;
  /** The weights' initialisation; the network's own (`defaultInitFor(skipStrength)`) if not given. */
  init?: InitScheme;
  /** Also run every depth from this scheme: the difference is the init's part of the gap. */
  compareInit?: InitScheme;
}

/**
 * A trace channel: the explorer keeps one trace with skips on and one with skips off, so the
 * skip toggle swaps between two ready answers. A newer request on a channel supersedes older ones.
 */
export type Channel = 'on' | 'off';
export const CHANNELS: readonly Channel[] = ['on', 'off'];
/**
 * The tour's own traces of the real model, with its skips and with them weakened to α: the tour
 * tells its story on the small models' on/off channels and measures the same claims on GPT-2
 * beside them ("Now on GPT-2"), so these never supersede the small models' traces.
 */
export type TourRealChannel = 'tourRealOn' | 'tourRealOff';
export const TOUR_REAL_CHANNELS: readonly TourRealChannel[] = ['tourRealOn', 'tourRealOff'];
/** Every channel a trace can be asked on. */
export type TraceChannel = Channel | TourRealChannel;
export const TRACE_CHANNELS: readonly TraceChannel[] = [...CHANNELS, ...TOUR_REAL_CHANNELS];
export const isExplorerChannel = (ch: TraceChannel): ch is Channel =>
  (CHANNELS as readonly string[]).includes(ch);

export interface ModelInfo {
  slot: ModelSlot;
  source: string;
  vocabSize: number;
  dModel: number;
  nHeads: number;
  /**
   * A GPT-2 file's head count was assumed from GPT-2's head size of 64, not read from its
   * config.json: the page says so, since a model of another head size would be misread.
   */
  headsAssumed: boolean;
  nLayers: number;
  contextLength: number;
  skipStrength: number;
  norm: NormPlacement;
  parameterCount: number;
  /** What the model reads: our grammar's words, or GPT-2's byte-level BPE (data/textTokenizer.ts). */
  tokenizer: TokenizerName;
  /**
   * Each token id's display piece, indexed by id (50,257 for GPT-2): GPT-2's leading spaces as ␣,
   * bytes of a split character as <0xF0> (data/tokenPiece.ts).
   */
  vocab: string[];
}

export interface TraceRequest {
  type: 'trace';
  id: number;
  channel: TraceChannel;
  slot: ModelSlot;
  text: string;
  /** α at inference; null keeps the model's own. */
  skipStrength: number | null;
  /** Sublayers to remove (k = 2l attention, 2l + 1 MLP of layer l). */
  lesions: number[];
}

export type Request =
  | { type: 'load'; id: number; slot: ModelSlot; url: string }
  | DownloadRequest
  /** Stops the download request `target`; it answers with an error saying it was cancelled. */
  | { type: 'cancel'; id: number; target: number }
  /**
   * A safetensors file the page already has (a lab-trained model's bytes, a reader's own file:
   * the File itself, a Blob the worker reads as a stream, so neither the page nor the worker
   * holds GPT-2 small's 498 MB at once). With slot 'auto' the file's own α decides: the model
   * with skips if α ≥ ½, else the one without. `config`: the text of a GPT-2 file's
   * config.json, when the reader gave it too.
   */
  | {
      type: 'loadBytes';
      id: number;
      slot: ModelSlot | 'auto';
      name: string;
      bytes: ArrayBuffer | Blob;
      config?: string;
    }
  | TraceRequest
  | LesionSweepRequest
  | DepthSweepRequest
  | { type: 'trainStart'; id: number; run: TrainRun }
  | { type: 'trainPause'; id: number }
  | { type: 'trainResume'; id: number }
  /** The trained weights as a safetensors file. */
  | { type: 'trainExport'; id: number }
  /** Linear probes at every residual point (analysis/probes.ts); answered by `probed`. */
  | ProbeRequest
  | LensRequest;

/**
 * The logit lens of one position of a trace, at every residual point: what a trace of a
 * large-vocabulary model leaves out (TraceEnd.lensOnRequest), asked for when the reader selects
 * a word. It names the trace by its request id, and no channel, so the client never takes it
 * for a trace of its own; answered by `lensAt`, or an error when that trace is no longer kept.
 */
/** Answered ahead of the queue (`isUnqueued`): it reads a finished trace, never the running one. */
export interface LensRequest {
  type: 'lens';
  id: number;
  /** The id of the trace request whose stream is read. */
  trace: number;
  position: number;
}

/**
 * A weights file too big to fetch quietly (GPT-2 small is 548 MB): streamed with
 * `downloadProgress`, kept in Cache Storage as it arrives (dropped if the engine refuses it; a
 * second load answers `loaded` with `fromCache`), and cancellable. It runs beside the queue, so
 * the small models keep tracing while it downloads (`isUnqueued`).
 */
/**
 * The Cache Storage where the worker keeps downloaded weights, and where the page looks to
 * know whether a download would be instant. Renamed when the way files are kept changes.
 */
export const WEIGHTS_CACHE = 'rse-weights-v1';

export interface DownloadRequest {
  type: 'download';
  id: number;
  slot: ModelSlot;
  url: string;
  /** What messages call the file ("GPT-2 small"). */
  name: string;
  /** The model's config.json beside it, for the head count of a GPT-2 not of head size 64. */
  configUrl?: string;
}

/**
 * Held-out loss with each sublayer removed in turn (analysis/lesion.ts), on `batches` of the
 * grammar's validation text, or for a model with a tokenizer of its own (GPT-2) on English
 * (analysis/experiments.ts textWindows). It runs in steps so the explorer's traces are not held up:
 * each request runs passes for about LESION_SLICE_MS (at least one) and answers `lesionProgress`
 * until the last answers `lesionSwept`; the page asks for the next steps with `resume: true`,
 * which continues the sweep the worker keeps for that slot (a new one without).
 */
export interface LesionSweepRequest {
  type: 'lesionSweep';
  id: number;
  slot: ModelSlot;
  batches: number;
  resume: boolean;
}

export interface ProbeRequest {
  type: 'probe';
  id: number;
  slot: ModelSlot;
  /** Seeds the fitting windows, the held-out windows and the agreement sentences. */
  seed: number;
}

/** A request without its id: the client numbers them. */
export type RequestBody = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;

export interface TraceStart {
  type: 'traceStart';
  id: number;
  channel: TraceChannel;
  slot: ModelSlot;
  /** Each token's display piece, as in ModelInfo.vocab; GPT-2's first is <|endoftext|>. */
  words: string[];
  unknown: boolean[];
  /** The text had more tokens than the context; only the first T are traced. */
  truncated: boolean;
  tokenIds: number[];
  T: number;
  dModel: number;
  nLayers: number;
  skipStrength: number;
  norm: NormPlacement;
}

export interface TracePoint {
  type: 'tracePoint';
  id: number;
  channel: TraceChannel;
  /** Residual point k: the stream before sublayer k (2L: after the last block). */
  point: number;
  stream: Float32Array; // (T, C)
  /** f_{k−1}(x), what the sublayer just before this point wrote; null at the embedding. */
  contribution: Float32Array | null; // (T, C)
  lesioned: boolean;
}

export interface TraceEnd {
  type: 'traceEnd';
  id: number;
  channel: TraceChannel;
  /** Mean next-token loss; null for a single word. */
  loss: number | null;
  /** −log p(next word) at each position (NaN at the last). */
  positionLoss: Float32Array; // (T)
  attention: Float32Array; // (L, nh, T, T)
  nHeads: number;
  /**
   * The lens of a large vocabulary is left out, computed per position on request (LensRequest):
   * the four lens arrays below are then empty.
   */
  lensOnRequest: boolean;
  /** Logit lens: each point read through the final LayerNorm and the unembedding. */
  lensTopIds: Int32Array; // (P, T, K), K = LENS_TOP_K (analysis/lensOutput.ts)
  lensTopProbs: Float32Array; // (P, T, K)
  /** Rank (0 = top) of the actual next word under the lens, −1 at the last position. */
  lensNextRank: Int32Array; // (P, T)
  /** Rank of the input word itself under the lens: how much of the token's identity the stream still shows. */
  lensInputRank: Int32Array; // (P, T)
  /** ‖∂loss/∂x_k‖ over the sequence at each point; empty for a single word. */
  streamGradNorms: Float32Array; // (P)
  /** ‖∂loss/∂θ‖ of each sublayer's parameters; empty for a single word. */
  sublayerGradNorms: Float32Array; // (S = 2L)
  /** Mean over words of cos(f_i, f_j) between sublayer contributions. */
  contributionCosine: Float32Array; // (S, S)
  /** Mean over words of |cos(f_i, f_j)|. */
  contributionAbsCosine: Float32Array; // (S, S)
  /** Mean over words of cos(f_k, x_k): each contribution against the stream it joins. */
  contributionVsStream: Float32Array; // (S)
  /** E|cos| of two random vectors in this dimension: the scale to read cosines against. */
  randomAbsCosine: number;
  /** ‖X − 1·x̄ᵀ‖_F / ‖X‖_F over positions at each point (0 = every word the same vector). */
  relativeResidual: Float32Array; // (P)
  /** Mean cosine between the vectors of distinct positions at each point. */
  pairwiseCosine: Float32Array; // (P)
  /** Mean over words of ‖f_k(x)‖/‖x_k‖: 0 is the identity. */
  contributionRatio: Float32Array; // (S)
  /**
   * Direct logit attribution (analysis/logitAttribution.ts): at each position, the logit gap of
   * the top prediction over the mean word, split into what the embedding, each sublayer and the
   * final LayerNorm's bias wrote; the row sums to the gap. Empty for post-LN, whose stream is no
   * sum of writes.
   */
  attribution: Float32Array; // (T, S + 2): embedding, sublayers 0..S−1, LN_f bias
  /** The word each position's row splits: the model's top prediction there. */
  attributionTarget: Int32Array; // (T)
}

/** The logit lens of one position at every residual point, answering a LensRequest. */
export interface LensAt {
  type: 'lensAt';
  id: number;
  trace: number;
  position: number;
  topIds: Int32Array; // (P, K), K = LENS_TOP_K
  topProbs: Float32Array; // (P, K)
  /** Rank (0 = top) of the actual next word at each point, −1 at the last position. */
  nextRank: Int32Array; // (P)
  /** Rank of the input word itself at each point. */
  inputRank: Int32Array; // (P)
}

export interface LesionSwept {
  type: 'lesionSwept';
  id: number;
  slot: ModelSlot;
  intact: number;
  lesioned: Float32Array; // (S)
  predictionChange: Float32Array; // (S)
}

/** A lesion sweep's passes over the text done so far, of 2L + 1 (the intact pass first). */
export interface LesionProgress {
  type: 'lesionProgress';
  id: number;
  slot: ModelSlot;
  done: number;
  total: number;
}

/** How far a depth sweep has got: which depth, which training step, the latest loss. */
export type DepthProgress = { type: 'depthProgress'; id: number } & DepthSweepProgress;

export interface DepthRunResult {
  layers: number;
  /** The initialisation this run started from. */
  init: InitScheme;
  /** ‖∂L/∂x_k‖ at each point, at initialisation and after training. */
  initStreamGrad: Float32Array; // (2·layers + 1)
  trainedStreamGrad: Float32Array;
  initFirstOverLast: number;
  trainedFirstOverLast: number;
  initLoss: number;
  trainedLoss: number;
  diverged: string | null;
}

/** One probe task's held-out accuracy per residual point, and what guessing scores. */
export interface ProbeCurveResult {
  accuracy: Float32Array; // (2L + 1)
  majority: number;
  fitted: number;
  scored: number;
}

export interface Probed {
  type: 'probed';
  id: number;
  slot: ModelSlot;
  word: ProbeCurveResult;
  position: ProbeCurveResult;
  agreement: ProbeCurveResult;
}

export interface TrainProgress {
  type: 'trainProgress';
  id: number;
  /** The steps done since the last message, with their loss and gradient norm. */
  steps: Int32Array;
  losses: Float32Array;
  gradNorms: Float32Array;
  /** ‖∂L/∂θ‖ of each block at the latest step. */
  layerGradNorms: Float32Array; // (L)
  stepsPerSecond: number;
  validLoss: number | null;
  totalSteps: number;
}

/**
 * Why a downloaded file is not kept for the next visit: the browser's storage refused it (full,
 * a private window), or the page has none (Cache Storage needs https or localhost).
 */
export type NotKept = 'refused' | 'unavailable';

export type Response =
  /**
   * `fromCache`: a download answered from Cache Storage, without the network. `notKept`: a
   * download the browser did not keep, so the next visit downloads it again.
   */
  | { type: 'loaded'; id: number; info: ModelInfo; fromCache?: boolean; notKept?: NotKept }
  /** Bytes of a download received so far; `total` when the server said the length. */
  | { type: 'downloadProgress'; id: number; done: number; total: number | null }
  | TraceStart
  | TracePoint
  | TraceEnd
  | LensAt
  | LesionSwept
  | LesionProgress
  | DepthProgress
  | { type: 'depthSwept'; id: number; runs: DepthRunResult[] }
  | Probed
  | TrainProgress
  | {
      type: 'trainStopped';
      id: number;
      reason: 'done' | 'diverged' | 'paused';
      message: string;
      step: number;
    }
  | { type: 'trainExported'; id: number; bytes: ArrayBuffer }
  | { type: 'error'; id: number; channel?: TraceChannel; message: string }
  | Pong;

/**
 * Is the worker still there? A worker can end without an error event (closed, killed for
 * memory): the page's client pings it (client.ts) and the worker file answers at once, outside
 * the request queue.
 */
export interface Ping {
  type: 'ping';
}
export interface Pong {
  type: 'pong';
  id: 0;
}
export const isPing = (m: unknown): m is Ping =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'ping';

/**
 * Requests the worker handles as they arrive rather than in turn: a download waits on the
 * network for minutes and must not hold the traces up, and its cancel must reach it meanwhile.
 * A lens (a reader's click on a word) is answered at the running trace's next pause
 * (traceJob.ts), not after it and the traces queued behind it.
 */
export const isUnqueued = (m: unknown): boolean => {
  const type = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
  return type === 'download' || type === 'cancel' || type === 'lens';
};

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

function requireBoolean(m: Record<string, unknown>, key: string): boolean {
  const v = m[key];
  if (typeof v !== 'boolean')
    throw new ProtocolError(`"${key}" must be true or false, got ${JSON.stringify(v)}`);
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
/** A config.json's text: GPT-2's is under 1 kB; 64 kB leaves room and refuses a wrong file. */
export const MAX_CONFIG_JSON = 65_536;

function requireNumber(
  m: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): number {
  const v = m[key];
  // JSON.stringify would show NaN and ±Infinity as "null".
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new ProtocolError(`"${key}" must be a finite number, got ${v}`);
  }
  if (typeof v !== 'number' || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new ProtocolError(
      `"${key}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function optionalInit(m: Record<string, unknown>, key: string): InitScheme | undefined {
  return m[key] === undefined ? undefined : requireOneOf(m, key, INIT_SCHEMES);
}

/**
 * The channel of a trace request, read before the request is checked: the queue uses it to
 * skip superseded traces, and the handler to tag an error with the channel it belongs to.
 */
export function traceChannel(data: unknown): TraceChannel | undefined {
  if (!isObject(data) || data.type !== 'trace') return undefined;
  return TRACE_CHANNELS.find((ch) => ch === data.channel);
}

/** The model slot of a trace request, read before it is checked: the queue serves quick ones first. */
export function traceSlot(data: unknown): ModelSlot | undefined {
  if (!isObject(data) || data.type !== 'trace') return undefined;
  return MODEL_SLOTS.find((slot) => slot === data.slot);
}

function requireSkipStrength(m: Record<string, unknown>): number {
  const problem = skipStrengthProblem(m.skipStrength);
  if (problem) throw new ProtocolError(problem);
  return m.skipStrength as number;
}

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
    case 'download':
      return {
        type: 'download',
        id,
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        url: requireString(data, 'url', 2048),
        name: requireString(data, 'name', 200),
        configUrl:
          data.configUrl === undefined ? undefined : requireString(data, 'configUrl', 2048),
      };
    case 'cancel':
      return { type: 'cancel', id, target: requireNumber(data, 'target', 0, 2 ** 53 - 1, true) };
    case 'trace': {
      const a = data.skipStrength;
      if (a !== null && !isSkipStrength(a)) {
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
        channel: requireOneOf(data, 'channel', TRACE_CHANNELS),
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        text: requireString(data, 'text', MAX_TEXT),
        skipStrength: a,
        lesions: lesions as number[],
      };
    }
    case 'loadBytes': {
      if (!(data.bytes instanceof ArrayBuffer) && !(data.bytes instanceof Blob))
        throw new ProtocolError('"bytes" must be an ArrayBuffer or a Blob');
      return {
        type: 'loadBytes',
        id,
        slot: requireOneOf(data, 'slot', [...MODEL_SLOTS, 'auto' as const]),
        name: requireString(data, 'name', 512),
        bytes: data.bytes,
        config:
          data.config === undefined ? undefined : requireString(data, 'config', MAX_CONFIG_JSON),
      };
    }
    case 'lesionSweep':
      return {
        type: 'lesionSweep',
        id,
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        batches: requireNumber(data, 'batches', 1, 64, true),
        resume: requireBoolean(data, 'resume'),
      };
    case 'depthSweep': {
      const layers = data.layers;
      if (
        !Array.isArray(layers) ||
        layers.length < 1 ||
        layers.length > 48 ||
        !layers.every((l) => Number.isInteger(l) && l >= 1 && l <= 48)
      ) {
        throw new ProtocolError('"layers" must be a list of depths from 1 to 48');
      }
      return {
        type: 'depthSweep',
        id,
        layers: layers as number[],
        norm: requireOneOf(data, 'norm', NORM_PLACEMENTS),
        skipStrength: requireSkipStrength(data),
        trainSteps: requireNumber(data, 'trainSteps', 0, 2000, true),
        seed: requireNumber(data, 'seed', 0, 0xffffffff, true),
        batches: requireNumber(data, 'batches', 1, 16, true),
        init: optionalInit(data, 'init'),
        compareInit: optionalInit(data, 'compareInit'),
      };
    }
    case 'trainStart': {
      const r = data.run;
      if (!isObject(r)) throw new ProtocolError('"run" must be an object');
      return {
        type: 'trainStart',
        id,
        run: {
          skipStrength: requireSkipStrength(r),
          nLayers: requireNumber(r, 'nLayers', 1, 48, true),
          dModel: requireNumber(r, 'dModel', 8, 256, true),
          lr: requireNumber(r, 'lr', 0, 1e9, false),
          steps: requireNumber(r, 'steps', 1, 1_000_000, true),
          seed: requireNumber(r, 'seed', 0, 0xffffffff, true),
          norm: requireOneOf(r, 'norm', NORM_PLACEMENTS),
          init: optionalInit(r, 'init'),
          contextLength:
            r.contextLength === undefined
              ? undefined
              : requireNumber(r, 'contextLength', 2, 64, true),
          batchSize:
            r.batchSize === undefined ? undefined : requireNumber(r, 'batchSize', 1, 64, true),
        },
      };
    }
    case 'lens':
      return {
        type: 'lens',
        id,
        trace: requireNumber(data, 'trace', 0, 2 ** 53 - 1, true),
        position: requireNumber(data, 'position', 0, 4096, true),
      };
    case 'probe':
      return {
        type: 'probe',
        id,
        slot: requireOneOf(data, 'slot', MODEL_SLOTS),
        seed: requireNumber(data, 'seed', 0, 0xffffffff, true),
      };
    case 'trainPause':
    case 'trainResume':
    case 'trainExport':
      return { type: data.type, id };
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(data.type)}`);
  }
}

/** The buffers a response can hand over without copying. */
export function transferables(r: Response): Transferable[] {
  const out: Transferable[] = [];
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
    else if (v instanceof ArrayBuffer) out.push(v);
  };
  for (const v of Object.values(r)) add(v);
  if (r.type === 'depthSwept') for (const run of r.runs) Object.values(run).forEach(add);
  if (r.type === 'probed') for (const c of [r.word, r.position, r.agreement]) add(c.accuracy);
  // The same buffer listed twice makes postMessage throw.
  return [...new Set(out)];
}
