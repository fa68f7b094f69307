import { ConfigError, makeConfig, type ModelConfig } from './config';
import { Model } from './model';
import {
  decodeSafetensors,
  encodeSafetensors,
  SafetensorsError,
  type NamedTensor,
} from './safetensors';

/**
 * Our weights as safetensors: one tensor per parameter under its nanoGPT name (docs/MODEL.md),
 * and the model configuration as JSON in the header's __metadata__ under "config", so a file
 * alone is enough to rebuild the model.
 */
export const FORMAT = 'residual-stream-explorer/1';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

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

export interface LoadedModel {
  model: Model;
  metadata: Record<string, string>;
}

/** Rebuilds a model from file bytes; any problem is a ModelFileError that names it. */
export function deserializeModel(bytes: Uint8Array | ArrayBuffer): LoadedModel {
  let file;
  try {
    file = decodeSafetensors(bytes);
  } catch (e) {
    if (e instanceof SafetensorsError)
      throw new ModelFileError(`Not a valid safetensors file: ${e.message}`);
    throw e;
  }
  const raw = file.metadata.config;
  if (raw === undefined) {
    throw new ModelFileError(
      'The file has no "config" entry in its __metadata__, so the architecture is unknown (see docs/MODEL.md)',
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
  let model: Model;
  try {
    config = makeConfig(parsed as Partial<ModelConfig>);
    // Every parameter is set from the file below (a missing one is an error).
    model = new Model(config, { init: false });
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ModelFileError(`The model config does not fit: ${e.message}`);
    throw e;
  }
  const expected = new Set(model.params.specs.map((s) => s.name));
  for (const name of file.tensors.keys()) {
    if (!expected.has(name)) {
      throw new ModelFileError(
        `Unexpected tensor ${JSON.stringify(name)}: a ${config.norm}-LN model with ${config.nLayers} layers has no such parameter`,
      );
    }
  }
  for (const s of model.params.specs) {
    const t = file.tensors.get(s.name);
    if (!t)
      throw new ModelFileError(
        `Missing tensor ${JSON.stringify(s.name)} (shape [${s.shape.join(', ')}])`,
      );
    if (t.shape.length !== s.shape.length || t.shape.some((d, i) => d !== s.shape[i])) {
      throw new ModelFileError(
        `Tensor ${JSON.stringify(s.name)} has shape [${t.shape.join(', ')}], but the config needs [${s.shape.join(', ')}]`,
      );
    }
    for (let i = 0; i < t.data.length; i++) {
      if (!Number.isFinite(t.data[i])) {
        throw new ModelFileError(
          `Tensor ${JSON.stringify(s.name)} holds a non-finite value (${t.data[i]}) at index ${i}`,
        );
      }
    }
    model.params.get(s.name).set(t.data);
  }
  return { model, metadata: file.metadata };
}
