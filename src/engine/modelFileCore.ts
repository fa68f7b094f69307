import { fileSizeProblem } from './budget';
import { ConfigError, makeConfig, type ModelConfig } from './config';
import type { Gpt2Plan } from './gpt2File';
import { looksLikeGpt2 } from './gpt2Names';
import { Model } from './model';
import { checkFinite, ModelFileError } from './modelFileError';
import { paramSpecs } from './params';
import type { ModelPlan } from './modelPlan';
import {
  encodeSafetensors,
  SafetensorsError,
  type NamedTensor,
  type SafetensorsHeader,
} from './safetensors';
import { SafetensorsStream } from './safetensorsStream';

export { ModelFileError };

/**
 * Our weights as safetensors: one tensor per parameter under its nanoGPT name (docs/MODEL.md),
 * and the model configuration as JSON in the header's __metadata__ under "config", so a file
 * alone is enough to rebuild the model.
 */
export const FORMAT = 'residual-stream-explorer/1';

export function serializeModel(model: Model, extra: Record<string, string> = {}): Uint8Array {
  const tensors: Record<string, NamedTensor> = {};
  for (const s of model.params.specs) {
    tensors[s.name] = { shape: s.shape, data: Float32Array.from(model.params.get(s.name)) };
  }
  return encodeSafetensors(tensors, {
    ...extra,
    format: FORMAT,
    config: JSON.stringify(model.config),
  });
}

/** Where a file's weights come from: our trainer (this module) or GPT-2 (gpt2File.ts). */
export type ModelFamily = 'ours' | 'gpt2';

export interface LoadedModel {
  model: Model;
  metadata: Record<string, string>;
  /** 'gpt2' models are inference models (Model's `inference`): traced, never trained. */
  family: ModelFamily;
  /** A GPT-2 file's head count was taken from GPT-2's head size, not read (gpt2File.ts). */
  headsAssumed: boolean;
}

/** GPT-2's reader (gpt2File.ts), given to a load that may read GPT-2 files. */
export interface Gpt2Reader {
  planGpt2(file: SafetensorsHeader, configJson?: unknown): Gpt2Plan;
}

export interface LoadOptions {
  /**
   * GPT-2's reader: without it a GPT-2 file is refused. modelFile.ts always gives it; the
   * worker loads it with the first GPT-2 (a page that never shows GPT-2 does not fetch it).
   */
  gpt2?: Gpt2Reader;
  /** A GPT-2 file's config.json, parsed: its n_head (no shape shows the head count). */
  configJson?: unknown;
  /**
   * Told the file's family once its header is read, before the model is allocated: throws to
   * refuse it (the GPT-2 slot takes GPT-2 only).
   */
  accept?: (family: ModelFamily) => void;
}

/**
 * Rebuilds a model from file bytes, in our format or in Hugging Face's GPT-2 layout; any
 * problem is a ModelFileError that names it. The file's size is checked before anything else.
 */
export function deserializeModel(
  bytes: Uint8Array | ArrayBuffer,
  options: LoadOptions = {},
): LoadedModel {
  refuseTooLarge(bytes.byteLength);
  const stream = modelStream(options);
  stream.push(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return stream.end();
}

/** Refuses a file of `bytes` past the memory budget, before any of it is read. */
export function refuseTooLarge(bytes: number): void {
  const tooBig = fileSizeProblem(bytes);
  if (tooBig) throw new ModelFileError(`The file is too large to load: ${tooBig}`);
}

/** A model file read as its bytes arrive (SafetensorsStream), each tensor installed as it comes. */
export interface ModelStream {
  /** The file's next bytes; a ModelFileError (or `accept`'s error) refuses it. */
  push(part: Uint8Array): void;
  /** The file has ended: the model, or a ModelFileError when it is cut short or refused. */
  end(): LoadedModel;
  /** The file will not be finished (cancelled, cut off, refused by the caller). */
  abandon(): void;
}

/**
 * Reads a model file in our format or GPT-2's (told apart by our `format` or `config` in the
 * header's __metadata__, which GPT-2's files lack). Everything that can be checked from the
 * header (the config and its memory budget, the tensors' names and shapes) is checked before
 * the model's arrays are allocated; each tensor is checked to be finite once it is filled. A
 * file refused or abandoned gives back what its model took (the kernels' memory), so the
 * previous model can have it again.
 */
export function modelStream(options: LoadOptions = {}): ModelStream {
  let plan: ModelPlan | null = null;
  let loaded: Omit<LoadedModel, 'model'> | null = null;
  const file = new SafetensorsStream((header) => {
    const ours = header.metadata.format === FORMAT || header.metadata.config !== undefined;
    const family = !ours && looksLikeGpt2(header.shapes.keys()) ? 'gpt2' : 'ours';
    options.accept?.(family);
    if (family === 'gpt2' && !options.gpt2) {
      throw new ModelFileError('This is a GPT-2 file; this load reads only our own models.');
    }
    const gpt2 = family === 'gpt2' ? options.gpt2!.planGpt2(header, options.configJson) : null;
    const made = gpt2 ?? planOurs(header);
    loaded = { family, headsAssumed: gpt2?.headsAssumed ?? false, metadata: header.metadata };
    plan = made;
    return made;
  });
  const abandon = () => {
    plan?.abandon();
    plan = null;
  };
  function guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      abandon();
      if (e instanceof SafetensorsError) {
        throw new ModelFileError(`Not a valid safetensors file: ${e.message}`);
      }
      throw e;
    }
  }
  return {
    push: (part) => guarded(() => file.push(part)),
    end: () =>
      guarded(() => {
        file.end();
        const { model } = plan!;
        plan!.finish();
        // Installed: nothing to give back any more.
        plan = null;
        return { model, ...loaded! };
      }),
    abandon,
  };
}

/** Checks our file's header against its config and allocates the model its tensors go into. */
function planOurs(file: SafetensorsHeader): ModelPlan {
  const raw = file.metadata.config;
  if (raw === undefined) {
    throw new ModelFileError(
      'The file has no "config" entry in its __metadata__ and is not GPT-2 in Hugging Face\'s layout (no "wte.weight"), so the architecture is unknown (see docs/MODEL.md)',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ModelFileError('The "config" entry in __metadata__ is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ModelFileError('The "config" entry in __metadata__ must be a JSON object');
  }
  let config: ModelConfig;
  try {
    config = makeConfig(parsed as Partial<ModelConfig>);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ModelFileError(`The model config does not fit: ${e.message}`);
    throw e;
  }
  const specs = paramSpecs(config);
  const expected = new Set(specs.map((s) => s.name));
  for (const name of file.shapes.keys()) {
    if (!expected.has(name)) {
      throw new ModelFileError(
        `Unexpected tensor ${JSON.stringify(name)}: a ${config.norm}-LN model with ${config.nLayers} layers has no such parameter`,
      );
    }
  }
  for (const s of specs) {
    const shape = file.shapes.get(s.name);
    if (!shape)
      throw new ModelFileError(
        `Missing tensor ${JSON.stringify(s.name)} (shape [${s.shape.join(', ')}])`,
      );
    if (shape.length !== s.shape.length || shape.some((d, i) => d !== s.shape[i])) {
      throw new ModelFileError(
        `Tensor ${JSON.stringify(s.name)} has shape [${shape.join(', ')}], but the config needs [${s.shape.join(', ')}]`,
      );
    }
  }
  // Every parameter is set from the file, so there is nothing to draw.
  const model = new Model(config, { init: false });
  return {
    model,
    target: (name) => model.params.get(name),
    filled: (name) => checkFinite(name, model.params.get(name)),
    finish: () => {},
    // Its arrays are its own: nothing to give back.
    abandon: () => {},
  };
}
