import { LN_EPS } from './ops/layernorm';
import { unprefixed } from './gpt2Names';
import { ConfigError, makeConfig, type ModelConfig } from './config';
import type { Floats } from './floats';
import { Model } from './model';
import { checkFinite, ModelFileError } from './modelFileError';
import { paramSpecs } from './params';
import { holdWeightsInKernels, releaseHeldWeights } from './residentWeights';
import type { ModelPlan } from './modelPlan';
import type { NamedTensor, SafetensorsHeader } from './safetensors';

/**
 * GPT-2 as Hugging Face publishes it (`model.safetensors` of gpt2, distilgpt2, gpt2-medium …),
 * loaded into our engine, whose architecture is GPT-2's (docs/MODEL.md). How the file differs
 * from ours (modelFile.ts):
 *
 * - names are ours without the `transformer.` prefix (`h.0.attn.c_attn.weight`), or with it
 *   when the file was saved from GPT2LMHeadModel; both are read;
 * - the four projections are Conv1D layers, whose weight is stored [in, out], the transpose of
 *   nn.Linear's [out, in] that we keep, so they are transposed on load;
 * - `h.{l}.attn.bias` (the causal mask) and `h.{l}.attn.masked_bias` (its fill value) are
 *   buffers, not weights, and are ignored: the engine builds its own mask;
 * - the unembedding is tied to `wte.weight`; an `lm_head.weight` is accepted only when it
 *   equals it;
 * - no config in the header: vocabulary, width, layers, context and MLP width come from the
 *   shapes, and the head count, which no shape shows, from `config.json` (`n_head`) when it is
 *   given, else from GPT-2's head size of 64 that every published size keeps (and the caller is
 *   told it was assumed, for the reader: a model of another head size would be misread).
 *
 * Everything else is refused with a ModelFileError naming the tensor and the reason.
 */

/** GPT-2 small's shape in our config's terms (Radford et al. 2019; Hugging Face's gpt2). */
export const GPT2_SMALL_SHAPE = {
  vocabSize: 50257,
  dModel: 768,
  nHeads: 12,
  nLayers: 12,
  contextLength: 1024,
  mlpHidden: 3072,
} as const satisfies Partial<ModelConfig>;

/** Head size of every published GPT-2: small 768/12, medium 1024/16, large 1280/20, xl 1600/25. */
export const GPT2_HEAD_SIZE = 64;

export { GPT2_PREFIX, looksLikeGpt2 } from './gpt2Names';

const MASK_BUFFER = /^h\.\d+\.attn\.(bias|masked_bias)$/;
const TIED_HEAD = 'lm_head.weight';
const CONV1D_WEIGHT = /\.(c_attn|c_proj|c_fc)\.weight$/;
const LAYER_NAME = /^h\.(\d+)\./;

/** A GPT-2 model to be filled from its file. */
export interface Gpt2Plan extends ModelPlan {
  /** The head count came from GPT-2's head size of 64, not from config.json's n_head. */
  headsAssumed: boolean;
}

/**
 * Checks a GPT-2 file's header (SafetensorsStream's) and allocates the inference model (Model's
 * `inference` option) its tensors go into. `configJson` is the model's parsed config.json, if
 * the caller has it. Everything is checked from the header before the model's arrays are
 * allocated; each weight is checked to be finite once it is filled.
 */
export function planGpt2(file: SafetensorsHeader, configJson?: unknown): Gpt2Plan {
  const tensors = unprefixedNames(file.shapes.keys());
  const shapeOf = (name: string): number[] => {
    const stored = tensors.get(name);
    if (stored === undefined) {
      throw new ModelFileError(
        `Missing tensor ${JSON.stringify(name)}, which a GPT-2 file in Hugging Face's layout has`,
      );
    }
    return file.shapes.get(stored)!;
  };
  const { config, headsAssumed } = gpt2Config(shapeOf, tensors.keys(), configJson);
  const specs = paramSpecs(config);
  const expected = new Set(specs.map((s) => unprefixed(s.name)));
  for (const [name, stored] of tensors) {
    if (!expected.has(name) && !MASK_BUFFER.test(name) && name !== TIED_HEAD) {
      throw new ModelFileError(
        `Unexpected tensor ${JSON.stringify(stored)}: GPT-2 with ${config.nLayers} layers has no such weight`,
      );
    }
  }
  for (const s of specs) {
    const name = unprefixed(s.name);
    const want = isConv1D(name) ? [s.shape[1], s.shape[0]] : s.shape;
    const shape = shapeOf(name);
    if (!sameShape(shape, want)) {
      throw new ModelFileError(
        `Tensor ${JSON.stringify(tensors.get(name))} has shape [${shape.join(', ')}], but GPT-2 ` +
          `of this size needs [${want.join(', ')}]${isConv1D(name) ? ' (Conv1D: [in, out])' : ''}`,
      );
    }
  }
  const head = tensors.get(TIED_HEAD);
  const headShape = head === undefined ? null : file.shapes.get(head)!;
  const wteShape = [config.vocabSize, config.dModel];
  if (headShape && !sameShape(headShape, wteShape)) {
    throw new ModelFileError(
      `Tensor "${TIED_HEAD}" has shape [${headShape.join(', ')}]; a tied unembedding is [${wteShape.join(', ')}]`,
    );
  }

  // Every parameter is set from the file, so there is nothing to draw.
  const model = new Model(config, { init: false, inference: true });
  // Into the kernels' memory before any weight arrives, so each is written there once: filled
  // in the model's own arrays first, GPT-2 small would be in memory twice over at the peak.
  // Its untouched first arrays take no memory.
  const inKernels = holdWeightsInKernels(model) > 0;
  const specOf = new Map(specs.map((s) => [unprefixed(s.name), s]));
  // A Conv1D weight arrives [in, out] and is ours [out, in] once all of it is here: the only
  // tensor held twice, in this scratch, is the one arriving (9.4 MB for GPT-2 small's c_fc).
  const largestConv1D = Math.max(...specs.filter((s) => isConv1D(s.name)).map((s) => s.size));
  let scratch: Float32Array | null = null;
  // lm_head.weight, held until the embedding it must equal has arrived too (in the files that
  // have it; GPT-2's own leave it out).
  let headValues: Float32Array | null = null;
  return {
    model,
    headsAssumed,
    target(stored) {
      const name = unprefixed(stored);
      if (MASK_BUFFER.test(name)) return null;
      if (name === TIED_HEAD) {
        headValues = new Float32Array(config.vocabSize * config.dModel);
        return headValues;
      }
      const s = specOf.get(name)!;
      if (!isConv1D(name)) return model.params.get(s.name);
      scratch ??= new Float32Array(largestConv1D);
      return scratch.subarray(0, s.size);
    },
    filled(stored) {
      const name = unprefixed(stored);
      if (name === TIED_HEAD) return;
      const s = specOf.get(name)!;
      const target = model.params.get(s.name);
      // Stored [I, O]; ours is [O, I].
      if (isConv1D(name)) transpose(target, scratch!.subarray(0, s.size), s.shape[1], s.shape[0]);
      checkFinite(stored, target);
    },
    finish() {
      scratch = null;
      if (headValues) checkTiedHead(head!, headValues, model.params.get('transformer.wte.weight'));
      headValues = null;
    },
    abandon() {
      // The previous model stays loaded; the kernels' memory is not kept for a refused file.
      if (inKernels) releaseHeldWeights();
    },
  };
}

/**
 * A model's weights in GPT-2's layout, names with `prefix` ('' as the gpt2 repository has them,
 * or GPT2_PREFIX): what planGpt2 reads back to the same model, bit for bit. For tests, which
 * need files no one has published.
 */
export function gpt2Tensors(model: Model, prefix: string): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  for (const s of model.params.specs) {
    const name = prefix + unprefixed(s.name);
    const ours = model.params.get(s.name);
    if (!isConv1D(name)) {
      out.set(name, { shape: s.shape, data: Float32Array.from(ours) });
      continue;
    }
    const [O, I] = s.shape;
    const data = new Float32Array(s.size);
    transpose(data, ours, O, I);
    out.set(name, { shape: [I, O], data });
  }
  return out;
}

/** What a GPT-2 file's shapes say of its config. */
type Gpt2Shapes = Pick<
  ModelConfig,
  'vocabSize' | 'dModel' | 'nLayers' | 'contextLength' | 'mlpHidden'
>;

/** The config the shapes imply; the head count from config.json or GPT-2's head size. */
function gpt2Config(
  shapeOf: (name: string) => number[],
  names: Iterable<string>,
  configJson: unknown,
): { config: ModelConfig; headsAssumed: boolean } {
  const [vocabSize, dModel] = shapeOf('wte.weight');
  const [contextLength] = shapeOf('wpe.weight');
  let nLayers = 0;
  for (const name of names) {
    const m = LAYER_NAME.exec(name);
    if (m) nLayers = Math.max(nLayers, Number(m[1]) + 1);
  }
  if (nLayers === 0) throw new ModelFileError('The file has no layers ("h.0.…" tensors)');
  const mlpHidden = shapeOf('h.0.mlp.c_fc.weight')[1];
  const fromShapes: Gpt2Shapes = { vocabSize, dModel, nLayers, contextLength, mlpHidden };
  const read = configJson === undefined ? undefined : headsFromJson(configJson, fromShapes);
  const nHeads = read ?? headsByConvention(dModel);
  try {
    // GPT-2 is pre-LN with full skips; init and seed are unused, every weight comes from the file.
    const config = makeConfig(
      { ...fromShapes, nHeads, skipStrength: 1, norm: 'pre', init: 'gpt2', seed: 0 },
      { inference: true },
    );
    return { config, headsAssumed: read === undefined };
  } catch (e) {
    if (e instanceof ConfigError) throw new ModelFileError(`The model does not fit: ${e.message}`);
    throw e;
  }
}

function headsByConvention(dModel: number): number {
  if (dModel % GPT2_HEAD_SIZE !== 0) {
    throw new ModelFileError(
      `The width ${dModel} is not a multiple of GPT-2's head size ${GPT2_HEAD_SIZE}, so the ` +
        `head count is unknown: give the model's config.json (n_head)`,
    );
  }
  return dModel / GPT2_HEAD_SIZE;
}

/**
 * n_head from config.json (undefined when it does not say), after checking that what else it
 * says agrees with the shapes and with what the engine computes (LayerNorm ε, tanh GELU).
 */
function headsFromJson(json: unknown, shapes: Gpt2Shapes): number | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ModelFileError('config.json must be a JSON object');
  }
  const j = json as Record<string, unknown>;
  const agree: [string, unknown, unknown][] = [
    ['vocab_size', j.vocab_size, shapes.vocabSize],
    ['n_embd', j.n_embd, shapes.dModel],
    ['n_layer', j.n_layer, shapes.nLayers],
    ['n_positions', j.n_positions, shapes.contextLength],
    // null means 4·n_embd, which the shape shows anyway
    ['n_inner', j.n_inner ?? undefined, shapes.mlpHidden],
    ['layer_norm_epsilon', j.layer_norm_epsilon, LN_EPS],
    // Hugging Face's name for the tanh approximation, which GPT-2 and our engine use
    ['activation_function', j.activation_function, 'gelu_new'],
  ];
  for (const [key, said, actual] of agree) {
    if (said !== undefined && said !== actual) {
      throw new ModelFileError(
        `config.json says ${key} = ${JSON.stringify(said)}, but ${typeof actual === 'string' ? 'the engine computes' : 'the weights have'} ${JSON.stringify(actual)}`,
      );
    }
  }
  if (j.n_head === undefined) return undefined;
  if (typeof j.n_head !== 'number' || !Number.isInteger(j.n_head) || j.n_head < 1) {
    throw new ModelFileError(
      `config.json's n_head must be a positive integer, found ${JSON.stringify(j.n_head)}`,
    );
  }
  return j.n_head;
}

/** Refuses lm_head.weight unless it is the embedding (a tied unembedding). */
function checkTiedHead(head: string, data: Float32Array, wte: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== wte[i]) {
      throw new ModelFileError(
        `Tensor ${JSON.stringify(head)} differs from the token embedding at index ${i}: an ` +
          `untied unembedding is not GPT-2's and is not supported`,
      );
    }
  }
}

/** The file's names without the prefix, each mapped to the name as stored. */
function unprefixedNames(stored: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of stored) {
    const short = unprefixed(name);
    const other = out.get(short);
    if (other !== undefined) {
      throw new ModelFileError(
        `Tensors ${JSON.stringify(other)} and ${JSON.stringify(name)} are the same weight twice`,
      );
    }
    out.set(short, name);
  }
  return out;
}

function isConv1D(name: string): boolean {
  return CONV1D_WEIGHT.test(name);
}

/**
 * dst[c, r] = src[r, c] for src [R, C]. In tiles of 32 × 32, so the strided side stays in cache:
 * twice as fast as row by row on GPT-2 small's 85M Conv1D weights (its load: 1.1 s, now 0.8 s).
 */
function transpose(dst: Floats, src: Floats, R: number, C: number): void {
  const TILE = 32;
  for (let r0 = 0; r0 < R; r0 += TILE) {
    const r1 = Math.min(R, r0 + TILE);
    for (let c0 = 0; c0 < C; c0 += TILE) {
      const c1 = Math.min(C, c0 + TILE);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) dst[c * R + r] = src[r * C + c];
    }
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
