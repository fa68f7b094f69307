/**
 * What a model with a tokenizer of its own (GPT-2) is measured on, as loss batches: windows of
 * English (data/englishSample.ts TEXT_WINDOWS), packed as the inference budget allows. The CLI's
 * experiments (experiments.ts) and the worker's lesion sweep (worker/lesionJob.ts) share them, so
 * both give the same numbers; a module of its own, so the worker's lesion job loads only this.
 */
import type { Batch } from '../data/batches';
import { ENGLISH_SAMPLE, TEXT_WINDOWS } from '../data/englishSample';
import type { TextTokenizer } from '../data/textTokenizer';
import { textWindows } from '../data/textWindows';
import { INFERENCE_MAX_TOKENS } from '../engine/budget';
import type { Model } from '../engine/model';

/** TEXT_WINDOWS of `text` (the English sample unless given), each after the start token. */
export function measuringWindows(
  model: Model,
  tokenizer: TextTokenizer,
  text: string = ENGLISH_SAMPLE,
): Int32Array[] {
  const length = Math.min(TEXT_WINDOWS.length, model.config.contextLength);
  return textWindows(tokenizer, text, length, TEXT_WINDOWS.count);
}

/**
 * Next-token batches of windows of one length: each window's tokens but the last, against the
 * tokens after, as many windows to a batch as fit in INFERENCE_MAX_TOKENS rows (every batch the
 * same size, so the count of windows a batch holds divides the windows'). `blockSize` is the rows'
 * length.
 */
export function windowBatches(windows: readonly Int32Array[]): {
  batches: Batch[];
  blockSize: number;
} {
  const blockSize = windows[0].length - 1;
  let perBatch = Math.max(1, Math.floor(INFERENCE_MAX_TOKENS / blockSize));
  while (windows.length % perBatch !== 0) perBatch--;
  const batches: Batch[] = [];
  for (let i = 0; i < windows.length; i += perBatch) {
    const group = windows.slice(i, i + perBatch);
    batches.push({
      tokens: Int32Array.from(group.flatMap((w) => Array.from(w.subarray(0, -1)))),
      targets: Int32Array.from(group.flatMap((w) => Array.from(w.subarray(1)))),
    });
  }
  return { batches, blockSize };
}
