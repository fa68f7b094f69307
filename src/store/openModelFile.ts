import { echo } from './problems';
import { useApp } from './store';

/** What a model file is called: the picker offers these, and a drop is checked the same way. */
export const MODEL_FILE_EXTENSION = '.safetensors';
/**
 * What a GPT-2 file's config.json is called, given beside it: a dropped file cannot bring the
 * folder it was downloaded with, and only config.json says a GPT-2's head count.
 */
export const CONFIG_FILE_EXTENSION = '.json';

const endsWith = (file: File, ext: string) => file.name.toLowerCase().endsWith(ext);

/**
 * The one rule for a reader's model files, whether picked or dropped: one `.safetensors` name
 * (any case), with at most one `.json` beside it in either order (a GPT-2 file's config.json),
 * is loaded; anything else is refused with a notice, so `model.bin` fails alike both ways. The
 * files' contents are checked by the worker (engine/safetensors.ts, engine/gpt2File.ts).
 */
export function openModelFiles(files: readonly File[]): void {
  const app = useApp.getState();
  const refuse = (text: string) => app.notify('error', text);
  const weights = files.filter((f) => endsWith(f, MODEL_FILE_EXTENSION));
  const configs = files.filter((f) => endsWith(f, CONFIG_FILE_EXTENSION));
  const other = files.find((f) => !weights.includes(f) && !configs.includes(f));
  if (other) {
    return refuse(
      `${echo(other.name)} is not a ${MODEL_FILE_EXTENSION} file; load a model file (see docs/MODEL.md).`,
    );
  }
  if (weights.length !== 1 || configs.length > 1) {
    return refuse(
      weights.length === 0
        ? `${echo(configs[0].name)} alone is not a model: give it together with its ${MODEL_FILE_EXTENSION} file.`
        : `Give one ${MODEL_FILE_EXTENSION} file at a time, with at most its config.json.`,
    );
  }
  app.engine?.loadUserModel(weights[0], configs[0]);
}
