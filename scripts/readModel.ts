/**
 * A model file for the CLIs, with the tokenizer it reads. A GPT-2 file's head count is in its
 * config.json, not in any shape: it is read from --config, or from the config.json beside the
 * weights, as Hugging Face's model folders have it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadTokenizer, TOKENIZER_OF, type TextTokenizer } from '../src/data/textTokenizer';
import { deserializeModel, type LoadedModel } from '../src/engine/modelFile';

export interface ModelForCli extends LoadedModel {
  tokenizer: TextTokenizer;
  /** The config.json read with the weights, if any. */
  configFile: string | null;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path} is not readable JSON: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

export async function readModel(path: string, config?: string): Promise<ModelForCli> {
  if (!existsSync(path)) throw new Error(`no model file at ${path}`);
  if (config !== undefined && !existsSync(config)) throw new Error(`no config file at ${config}`);
  const beside = join(dirname(path), 'config.json');
  const configFile = config ?? (existsSync(beside) ? beside : null);
  const loaded = deserializeModel(readFileSync(path), {
    configJson: configFile === null ? undefined : readJson(configFile),
  });
  return { ...loaded, tokenizer: await loadTokenizer(TOKENIZER_OF[loaded.family]), configFile };
}
