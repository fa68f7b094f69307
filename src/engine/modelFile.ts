import { fileSizeProblem } from './budget';
import { ConfigError, makeConfig, type ModelConfig } from './config';
import { looksLikeGpt2, loadGpt2 } from './gpt2File';
import { Model } from './model';
import { checkFinite, ModelFileError } from './modelFileError';
import { paramSpecs } from './params';
import {
  encodeSafetensors,
  indexSafetensors,
  SafetensorsError,
  type NamedTensor,
  type SafetensorsIndex,
} from './safetensors';

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

export interface LoadOptions {
  /** A GPT-2 file's config.json, parsed: its n_head (no shape shows the head count). */
  configJson?: unknown;
}

/**
 * Rebuilds a model from file bytes, in our format or in Hugging Face's GPT-2 layout (told
 * apart by our `format` or `config` in the header's __metadata__, which GPT-2's files lack);
 * any problem is a ModelFileError that names it. Everything that can be checked from the
 * header (the file's size, the config and its memory budget, the tensors' names and shapes)
 * is checked before the model's arrays are allocated.
 */
export function deserializeModel(
  bytes: Uint8Array | ArrayBuffer,
  options: LoadOptions = {},
): LoadedModel {
  const tooBig = fileSizeProblem(bytes.byteLength);
  if (tooBig) throw new ModelFileError(`The file is too large to load: ${tooBig}`);
  let file;
  try {
    file = indexSafetensors(bytes);
  } catch (e) {
    if (e instanceof SafetensorsError)
      throw new ModelFileError(`Not a valid safetensors file: ${e.message}`);
    throw e;
  }
  const ours = file.metadata.format === FORMAT || file.metadata.config !== undefined;
  if (!ours && looksLikeGpt2(file.shapes.keys())) {
    const { model, headsAssumed } = loadGpt2(file, options.configJson);
    return { model, headsAssumed, metadata: file.metadata, family: 'gpt2' };
  }
  return { model: loadOurs(file), headsAssumed: false, metadata: file.metadata, family: 'ours' };
}

function loadOurs(file: SafetensorsIndex): Model {
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
  // Every parameter is set from the file below, so there is nothing to draw.
  const model = new Model(config, { init: false });
  for (const s of specs) {
    const target = model.params.get(s.name);
    file.readInto(s.name, target);
    checkFinite(s.name, target);
  }
  return model;
}
