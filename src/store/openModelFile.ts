import { echo } from './problems';
import { useApp } from './store';

/** What a model file is called: the picker offers these, and a drop is checked the same way. */
export const MODEL_FILE_EXTENSION = '.safetensors';

/**
 * The one rule for a reader's model file, whether picked or dropped: a `.safetensors` name
 * (any case) is loaded, anything else is refused with a notice, so `model.bin` fails alike both
 * ways. The file's contents are checked by the worker (engine/safetensors.ts).
 */
export function openModelFile(file: File): void {
  const app = useApp.getState();
  if (!file.name.toLowerCase().endsWith(MODEL_FILE_EXTENSION)) {
    app.notify(
      'error',
      `${echo(file.name)} is not a ${MODEL_FILE_EXTENSION} file; load a model file (see docs/MODEL.md).`,
    );
    return;
  }
  app.engine?.loadUserModel(file);
}
