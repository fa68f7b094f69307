import { validationBatches } from '../data/batches';
import { loadTokenizer, TOKENIZER_OF, type TextTokenizer } from '../data/textTokenizer';
import { wordTokenizer } from '../data/tokenizer';
import { lesionSweep } from '../analysis/lesion';
import { MAX_BATCH } from '../engine/budget';
import { Model } from '../engine/model';
import { deserializeModel } from '../engine/modelFile';
import {
  MODEL_SLOT_NAMES,
  ProtocolError,
  parseRequest,
  traceChannel,
  type ModelInfo,
  type ModelSlot,
  type Request,
  type Response,
} from './protocol';
import { probeJob } from './probeJob';
import { runDepthSweep } from './sweepJob';
import { runTrace } from './traceJob';
import { TrainSession } from './trainJob';

/**
 * The worker's logic as plain functions over plain state, so tests drive it in Node without
 * a Worker. `fetchBytes` is the only outside effect and is passed in; answers go to `post`,
 * which streaming requests call several times.
 */
export interface HandlerDeps {
  fetchBytes: (url: string) => Promise<ArrayBuffer>;
}

export type Post = (r: Response) => void;

/** The data seed the shipped models were trained on: lesion sweeps measure on its validation split. */
const DATA_SEED = 1;

export function createHandler(deps: HandlerDeps) {
  const models: Partial<Record<ModelSlot, Model>> = {};
  /** The tokenizer of each loaded model; a slot without one holds one of ours (an untrained twin). */
  const tokenizers: Partial<Record<ModelSlot, TextTokenizer>> = {};
  let session: TrainSession | null = null;

  const tokenizerIn = (slot: ModelSlot): TextTokenizer => tokenizers[slot] ?? wordTokenizer;

  /**
   * A model that reads our grammar's words, for the jobs that measure on that language (the
   * lesion sweep's validation text, the probes' agreement sentences): GPT-2 has never seen it.
   */
  function grammarModelIn(slot: ModelSlot, job: string): Model {
    const model = modelIn(slot);
    if (tokenizerIn(slot) !== wordTokenizer) {
      throw new Error(
        `The ${job} measures on the small models' made-up language, which the ${MODEL_SLOT_NAMES[slot]} does not read`,
      );
    }
    return model;
  }

  function modelIn(slot: ModelSlot): Model {
    const m = models[slot];
    if (m) return m;
    // An untrained model is the shipped architecture at initialisation, same seed, and the
    // init its trained twin was made with (a file's config names it).
    if ((slot === 'init-residual' || slot === 'init-plain') && models.residual) {
      const twin = slot === 'init-residual' ? models.residual : models.plain;
      const made = new Model({
        ...models.residual.config,
        skipStrength: slot === 'init-residual' ? 1 : 0,
        init: twin?.config.init ?? models.residual.config.init,
      });
      models[slot] = made;
      return made;
    }
    throw new Error(`The ${MODEL_SLOT_NAMES[slot]} is not loaded yet`);
  }

  async function install(
    requested: ModelSlot | 'auto',
    bytes: ArrayBuffer,
    source: string,
  ): Promise<ModelInfo> {
    const { model, family } = deserializeModel(bytes);
    const slot =
      requested === 'auto' ? (model.config.skipStrength >= 0.5 ? 'residual' : 'plain') : requested;
    const tokenizer = await loadTokenizer(TOKENIZER_OF[family]);
    if (model.config.vocabSize !== tokenizer.vocabSize) {
      throw new Error(
        family === 'gpt2'
          ? `${source}: the model has a vocabulary of ${model.config.vocabSize} tokens, but GPT-2's tokenizer has ${tokenizer.vocabSize}. The previous model is still loaded.`
          : `${source}: the model has a vocabulary of ${model.config.vocabSize} words, but this app's tokenizer has ${tokenizer.vocabSize} ` +
              '(see docs/MODEL.md for the word list and its order). The previous model is still loaded.',
      );
    }
    models[slot] = model;
    tokenizers[slot] = tokenizer;
    // New shipped weights mean new untrained twins too.
    if (slot === 'residual') {
      delete models['init-residual'];
      delete models['init-plain'];
    }
    if (slot === 'plain') delete models['init-plain'];
    return modelInfo(model, tokenizer, slot, source);
  }

  async function dispatch(req: Request, post: Post): Promise<void> {
    const id = req.id;
    switch (req.type) {
      case 'load':
        post({
          type: 'loaded',
          id,
          info: await install(req.slot, await deps.fetchBytes(req.url), req.url),
        });
        return;
      case 'loadBytes':
        post({ type: 'loaded', id, info: await install(req.slot, req.bytes, req.name) });
        return;
      case 'trace':
        runTrace(modelIn(req.slot), tokenizerIn(req.slot), req, post);
        return;
      case 'lesionSweep': {
        const model = grammarModelIn(req.slot, 'lesion sweep');
        const T = model.config.contextLength;
        const sweep = lesionSweep(
          model,
          validationBatches({ seed: DATA_SEED, batchSize: MAX_BATCH, blockSize: T }, req.batches),
        );
        post({
          type: 'lesionSwept',
          id,
          slot: req.slot,
          intact: sweep.intact,
          lesioned: Float32Array.from(sweep.lesioned),
          predictionChange: Float32Array.from(sweep.predictionChange),
        });
        return;
      }
      case 'depthSweep':
        await runDepthSweep(req, post);
        return;
      case 'probe':
        post(probeJob(grammarModelIn(req.slot, 'probe'), req));
        return;
      case 'trainStart':
        session?.pause();
        session = new TrainSession(id, req.run, post);
        session.start();
        return;
      case 'trainPause':
      case 'trainResume': {
        if (!session) throw new Error('No training run has been started');
        if (req.type === 'trainPause') session.pause();
        else session.resume();
        return;
      }
      case 'trainExport': {
        if (!session) throw new Error('No training run has been started');
        const bytes = session.exportWeights();
        post({
          type: 'trainExported',
          id,
          bytes: bytes.buffer.slice(
            bytes.byteOffset,
            bytes.byteOffset + bytes.byteLength,
          ) as ArrayBuffer,
        });
        return;
      }
    }
  }

  async function handle(data: unknown, post: Post): Promise<void> {
    const id = requestId(data);
    const channel = traceChannel(data);
    try {
      await dispatch(parseRequest(data), post);
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

  return { handle };
}

/** The id to answer with, even when the rest of the request is malformed (-1 if none). */
function requestId(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

function modelInfo(
  model: Model,
  tokenizer: TextTokenizer,
  slot: ModelSlot,
  source: string,
): ModelInfo {
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
    tokenizer: tokenizer.name,
    // install() has checked that the model's vocabulary is its tokenizer's.
    vocab: [...tokenizer.vocab()],
  };
}
