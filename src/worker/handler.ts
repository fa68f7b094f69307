import { loadTokenizer, TOKENIZER_OF, type TextTokenizer } from '../data/textTokenizer';
import { wordTokenizer } from '../data/tokenizer';
import { Model } from '../engine/model';
import {
  deserializeModel,
  modelStream,
  refuseTooLarge,
  type LoadedModel,
  type LoadOptions,
  type ModelStream,
} from '../engine/modelFileCore';
import { holdWeightsInKernels, readyForTracing } from '../engine/residentWeights';
import type { WeightsCache } from './weightsCache';
import {
  MODEL_SLOT_NAMES,
  ProtocolError,
  parseRequest,
  traceChannel,
  isExplorerChannel,
  type ModelInfo,
  type DownloadRequest,
  type Channel,
  type ModelSlot,
  type NotKept,
  type Request,
  type Response,
  type TraceRequest,
} from './protocol';
import { runLens, type KeptTrace } from './lensJob';
import type { LesionJob } from './lesionJob';
import { goOnAfterOthers, runTrace } from './traceJob';
import type { TrainSession } from './trainJob';

/**
 * The worker's logic as plain functions over plain state, so tests drive it in Node without
 * a Worker. `fetchBytes` is the only outside effect and is passed in; answers go to `post`,
 * which streaming requests call several times.
 */
export interface HandlerDeps {
  fetchBytes: (url: string) => Promise<ArrayBuffer>;
  /** Where downloads are kept between visits (Cache Storage in the worker); none in most tests. */
  weightsCache?: WeightsCache | null;
}

export type Post = (r: Response) => void;

/** A running trace's pause (traceJob.ts TracePause), told which trace it is. */
export type TraceRequestPause = (req: TraceRequest) => Promise<boolean>;

export function createHandler(deps: HandlerDeps) {
  const models: Partial<Record<ModelSlot, Model>> = {};
  /** The tokenizer of each loaded model; a slot without one holds one of ours (an untrained twin). */
  const tokenizers: Partial<Record<ModelSlot, TextTokenizer>> = {};
  let session: TrainSession | null = null;
  /** Downloads under way, by request id, so a `cancel` can stop one. */
  const downloads = new Map<number, AbortController>();
  /** The last finished trace of each channel, whose lens the page may ask for by position. */
  const kept: Partial<Record<Channel, KeptTrace>> = {};
  /** Lesion sweeps under way, by slot, each continued by the page's `resume` requests. */
  const lesionJobs: Partial<Record<ModelSlot, LesionJob>> = {};

  const tokenizerIn = (slot: ModelSlot): TextTokenizer => tokenizers[slot] ?? wordTokenizer;

  /**
   * A model that reads our grammar's words, for the jobs that measure on that language (the
   * probes' agreement sentences): GPT-2 has never seen it.
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

  /**
   * Installs a model file, read by `load` (whole, or as it arrives: engine/modelFile.ts's
   * modelStream) with the options given, which refuse a file of the wrong family at its header.
   * If it is refused, the GPT-2 shown before goes back into the kernels' memory, which holds one
   * model's weights at a time and may have taken the refused one's while reading it: the
   * previous model stays loaded, and stays fast.
   */
  async function install(
    requested: ModelSlot | 'auto',
    source: string,
    load: (options: LoadOptions) => LoadedModel | Promise<LoadedModel>,
    configJson?: unknown,
  ): Promise<ModelInfo> {
    try {
      return await installLoaded(
        requested,
        await load({
          // GPT-2's reader loads with the first load that may be GPT-2 (its slot, or a file the
          // reader dropped), not with the worker: most pages never show GPT-2.
          gpt2: requested === 'gpt2' || requested === 'auto' ? await gpt2Reader() : undefined,
          configJson,
          // The 'gpt2' slot holds GPT-2 only.
          accept: (family) => {
            if (requested === 'gpt2' && family !== 'gpt2') {
              throw new Error(`${source} is not a GPT-2 file. The previous model is still loaded.`);
            }
          },
        }),
        source,
      );
    } catch (e) {
      const shown = models.gpt2;
      if (shown?.inference) holdWeightsInKernels(shown);
      throw e;
    }
  }

  async function installLoaded(
    requested: ModelSlot | 'auto',
    { model, family, headsAssumed }: LoadedModel,
    source: string,
  ): Promise<ModelInfo> {
    // A GPT-2 file dropped on the page ('auto') goes to the 'gpt2' slot.
    const slot =
      requested !== 'auto'
        ? requested
        : family === 'gpt2'
          ? 'gpt2'
          : model.config.skipStrength >= 0.5
            ? 'residual'
            : 'plain';
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
    // A sweep of the model replaced keeps copies of its stream; they are of no further use.
    delete lesionJobs[slot];
    // A model that is only traced lives in the kernels' memory: no weight is copied per op.
    if (model.inference) await readyForTracing(model);
    // New shipped weights mean new untrained twins too.
    if (slot === 'residual') {
      delete models['init-residual'];
      delete models['init-plain'];
    }
    if (slot === 'plain') delete models['init-plain'];
    return modelInfo(model, tokenizer, slot, source, headsAssumed);
  }

  /**
   * Downloads (or takes from the cache) and installs a weights file with its config.json, each
   * tensor installed as its bytes arrive. The file is cached as it arrives, and its config.json
   * beside it once the engine accepts them (a second visit may be offline, and a model whose
   * head count differs from GPT-2's would be misread without it); a file the engine refuses,
   * or a cached one that cannot be read whole, is dropped from the cache with its config, so a
   * bad file is never served twice; 'loaded' comes once both are kept, or says they were not
   * (`notKept`). Whatever fails, the models already loaded stay.
   */
  async function download(req: DownloadRequest, post: Post): Promise<void> {
    const abort = new AbortController();
    downloads.set(req.id, abort);
    // The downloader loads with the first download: a page that never asks for GPT-2 (most)
    // does not fetch it with the worker (the page-code budget, docs/PERFORMANCE.md). A cancel
    // that comes meanwhile aborts the signal, which the download checks before its first read.
    const { DownloadCancelled, downloadWeights } = await import('./download').catch(
      (e: unknown) => {
        downloads.delete(req.id);
        throw e;
      },
    );
    const cache = deps.weightsCache ?? null;
    // GPT-2's tokenizer (a chunk of its own, and its tables to build) loads while the weights are
    // read, from the network or the cache, rather than after them; install() then finds it ready.
    if (req.slot === 'gpt2') void loadTokenizer(TOKENIZER_OF.gpt2).catch(() => {});
    // The file's reader, made once it is known where the bytes come from.
    const reading: { stream?: ModelStream } = {};
    let config: Awaited<ReturnType<typeof configOf>>;
    let stored: Promise<boolean> = Promise.resolve(false);
    let fromCache = false;
    try {
      const info = await install(req.slot, req.name, async (options) => {
        const got = await downloadWeights(req.url, {
          name: req.name,
          signal: abort.signal,
          cache,
          onProgress: (done, total) => post({ type: 'downloadProgress', id: req.id, done, total }),
          // The cached weights are read with the config cached beside them, not today's
          // network's; the header, read from the first chunks, needs its head count.
          sinkFor: async (cached) => {
            config = await configOf(req.configUrl, cached ? cache : null);
            reading.stream = modelStream({ ...options, configJson: config?.json });
            return reading.stream;
          },
        }).catch((e: unknown) => {
          // Cut off or cancelled: the kernels' memory the file took goes back before install()
          // gives it to the model shown before (one the engine refused has given it back).
          reading.stream?.abandon();
          throw e;
        });
        ({ fromCache, stored } = got);
        return reading.stream!.end();
      });
      const configKept =
        !config ||
        config.fromCache ||
        !cache ||
        (await cache.put(req.configUrl!, config.bytes).then(
          () => true,
          () => false,
        ));
      // The page says the file is kept once it is: a reader who reloads or closes the tab at that
      // word must find it there, and a worker ended while Cache Storage still writes keeps nothing.
      // From the network the write keeps up as the file arrives; from a mirror on the same
      // machine it ends seconds after the engine's load (docs/PERFORMANCE.md, bench:ui).
      let kept = await stored;
      if (kept && !configKept) {
        // Weights kept without their config.json would be read offline with a guessed head
        // count: both are kept or neither, and the page says the file was not kept.
        await cache?.delete(req.url).catch(() => {});
        kept = false;
      }
      const notKept: NotKept | undefined = kept ? undefined : cache ? 'refused' : 'unavailable';
      post({ type: 'loaded', id: req.id, info, fromCache, ...(notKept && { notKept }) });
    } catch (e) {
      if (!(e instanceof DownloadCancelled)) {
        // Once the cache has finished with it: deleted before, it would be kept after. What
        // never reached the cache (a 404, a file cut off) deletes nothing.
        await stored;
        await cache?.delete(req.url).catch(() => {});
        if (req.configUrl) await cache?.delete(req.configUrl).catch(() => {});
      }
      throw e;
    } finally {
      downloads.delete(req.id);
    }
  }

  /**
   * A GPT-2 file's config.json, for its head count, which no weight's shape shows: from `cache`
   * when given and it has it, else from the network. The published sizes do without it (head
   * size 64), so one that cannot be had is left out, not an error: the engine then names what
   * it misses, and the page says the head count was assumed.
   */
  async function configOf(
    url: string | undefined,
    cache: WeightsCache | null,
  ): Promise<{ json: unknown; bytes: ArrayBuffer; fromCache: boolean } | undefined> {
    if (url === undefined) return undefined;
    try {
      const cached = await cache?.get(url).catch(() => null);
      const bytes = cached ? await cached.arrayBuffer() : await deps.fetchBytes(url);
      return { json: JSON.parse(new TextDecoder().decode(bytes)), bytes, fromCache: !!cached };
    } catch {
      return undefined;
    }
  }

  async function dispatch(req: Request, post: Post, pause: TraceRequestPause): Promise<void> {
    const id = req.id;
    switch (req.type) {
      case 'load':
        post({
          type: 'loaded',
          id,
          info: await install(req.slot, req.url, async (options) =>
            deserializeModel(await deps.fetchBytes(req.url), options),
          ),
        });
        return;
      case 'loadBytes': {
        const configJson = req.config === undefined ? undefined : parsedConfig(req.config);
        post({
          type: 'loaded',
          id,
          info: await install(
            req.slot,
            req.name,
            (options) =>
              req.bytes instanceof Blob
                ? readBlob(req.bytes, options)
                : deserializeModel(req.bytes, options),
            configJson,
          ),
        });
        return;
      }
      case 'download':
        await download(req, post);
        return;
      case 'cancel':
        // A download that has already ended has nothing to stop.
        downloads.get(req.target)?.abort();
        return;
      case 'trace': {
        const model = modelIn(req.slot);
        const trace = () => runTrace(model, tokenizerIn(req.slot), req, post, () => pause(req));
        // Only the explorer's channels are read by position later. The tour's GPT-2 panels never
        // ask for a lens, and GPT-2's logits over a long text alone run to hundreds of MB.
        if (!isExplorerChannel(req.channel)) {
          await trace();
          return;
        }
        // The channel's previous trace is dropped first: a superseded trace's lens is not asked for.
        delete kept[req.channel];
        const done = await trace();
        if (done) kept[req.channel] = { id, model, trace: done };
        return;
      }
      case 'lens':
        post(runLens(Object.values(kept), req));
        return;
      case 'lesionSweep': {
        const model = modelIn(req.slot);
        const { runLesionSlice, startLesionJob } = await import('./lesionJob');
        let job = lesionJobs[req.slot];
        if (!req.resume) {
          job = startLesionJob(model, tokenizerIn(req.slot), req);
          lesionJobs[req.slot] = job;
        } else if (!job || job.model !== model) {
          delete lesionJobs[req.slot];
          throw new Error(
            `The lesion sweep of the ${MODEL_SLOT_NAMES[req.slot]} was interrupted (the model changed); run it again`,
          );
        }
        if (runLesionSlice(job, req, post)) delete lesionJobs[req.slot];
        return;
      }
      // The lab's jobs load on their first request: a reader who never opens the lab does not
      // download them with the worker (docs/PERFORMANCE.md, the page's JavaScript budget).
      case 'depthSweep': {
        const { runDepthSweep } = await import('./sweepJob');
        await runDepthSweep(req, post);
        return;
      }
      case 'probe': {
        const model = grammarModelIn(req.slot, 'probe');
        const { probeJob } = await import('./probeJob');
        post(probeJob(model, req));
        return;
      }
      case 'trainStart': {
        const { TrainSession } = await import('./trainJob');
        session?.pause();
        session = new TrainSession(id, req.run, post);
        session.start();
        return;
      }
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

  /**
   * Answers one request. `pause` is where a trace lets other work in, and learns whether to go
   * on (scheduler.ts); by default it always goes on.
   */
  async function handle(
    data: unknown,
    post: Post,
    pause: TraceRequestPause = goOnAfterOthers,
  ): Promise<void> {
    const id = requestId(data);
    const channel = traceChannel(data);
    try {
      await dispatch(parseRequest(data), post, pause);
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

/** The config.json a reader gave with their file: not JSON is a mistake to name, not to skip. */
function parsedConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The config.json given with the model is not valid JSON.');
  }
}

function modelInfo(
  model: Model,
  tokenizer: TextTokenizer,
  slot: ModelSlot,
  source: string,
  headsAssumed: boolean,
): ModelInfo {
  const c = model.config;
  return {
    slot,
    source,
    vocabSize: c.vocabSize,
    dModel: c.dModel,
    nHeads: c.nHeads,
    headsAssumed,
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

/** GPT-2's file reader, fetched once (a chunk of its own in the worker's build). */
const gpt2Reader = () => import('../engine/gpt2File');

/**
 * A model file the reader gave (a File), installed as it is read from disk, chunk by chunk,
 * as a download is: never in memory whole.
 */
async function readBlob(file: Blob, options: LoadOptions): Promise<LoadedModel> {
  refuseTooLarge(file.size);
  const stream = modelStream(options);
  const reader = file.stream().getReader();
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      stream.push(part.value);
    }
    return stream.end();
  } catch (e) {
    stream.abandon();
    await reader.cancel().catch(() => {});
    throw e;
  }
}
