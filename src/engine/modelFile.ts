/**
 * Model files, with GPT-2's reader always at hand: what Node's scripts and the tests read
 * files with. The reading itself is modelFileCore.ts, which the worker uses directly, giving it
 * GPT-2's reader only once GPT-2 is asked for.
 */
import { planGpt2 } from './gpt2File';
import * as core from './modelFileCore';

export {
  FORMAT,
  ModelFileError,
  refuseTooLarge,
  serializeModel,
  type Gpt2Reader,
  type LoadedModel,
  type LoadOptions,
  type ModelFamily,
  type ModelStream,
} from './modelFileCore';

const withGpt2 = (options: core.LoadOptions = {}): core.LoadOptions => ({
  gpt2: { planGpt2 },
  ...options,
});

/** modelFileCore's modelStream, reading GPT-2's files too. */
export const modelStream = (options?: core.LoadOptions): core.ModelStream =>
  core.modelStream(withGpt2(options));

/** modelFileCore's deserializeModel, reading GPT-2's files too. */
export const deserializeModel = (
  bytes: Uint8Array | ArrayBuffer,
  options?: core.LoadOptions,
): core.LoadedModel => core.deserializeModel(bytes, withGpt2(options));
