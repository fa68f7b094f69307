import type { RealModelStatus } from '../store/realModelSlice';
import { REAL_MODELS } from '../store/realModels';
import type { NotKept } from '../worker/protocol';
import { thousands } from './format';

type Loaded = Extract<RealModelStatus, { phase: 'loaded' }>;

const LOADED_FROM = {
  download: 'downloaded, and kept in this browser for next time.',
  cache: 'loaded from this browser’s cache.',
  file: 'read from your file.',
} as const;

/** Why a download was not kept, in the reader's words: what they could change, if anything. */
const NOT_KEPT_WHY: Record<NotKept, string> = {
  refused: 'its storage refused it: full, or a private window',
  unavailable: 'this page has no Cache Storage, which needs https or localhost',
};

/**
 * How the shown real model reached the page, ending the real model's box: a download the browser
 * did not keep says so, as the next visit downloads hundreds of MB again.
 */
export function realModelArrival(status: Loaded): string {
  if (status.notKept) {
    return `downloaded; this browser did not keep it (${NOT_KEPT_WHY[status.notKept]}), so the next visit downloads it again.`;
  }
  return LOADED_FROM[status.from];
}

/**
 * What the question before a download promises of keeping the file: the next visit at once, or,
 * on a page without Cache Storage, a download every visit.
 */
export function keepingPromise(hasCacheStorage: boolean): string {
  return hasCacheStorage
    ? 'This browser keeps it, so the next visit loads it at once.'
    : `This browser cannot keep it (${NOT_KEPT_WHY.unavailable}), so every visit downloads it again.`;
}

/**
 * Where the loaded real model came from, for the model summary: its name, its folder as Hugging
 * Face publishes it, and how it reached this page. Null until it has loaded.
 */
export function realModelOrigin(status: RealModelStatus): string | null {
  if (status.phase !== 'loaded') return null;
  const m = REAL_MODELS[status.model];
  const how = {
    download: 'downloaded now',
    cache: 'from this browser’s cache',
    file: 'read from your file',
  }[status.from];
  // A reader's file is known only by its shape: it may be any GPT-2, so no folder is claimed.
  if (status.from === 'file') return `${m.label}-shaped (${how})`;
  return `${m.label} (${m.folder.split('/resolve/')[0]}, ${how})`;
}

/**
 * The one loss a GPT-2 text can be held against without a corpus: guessing uniformly over its
 * vocabulary, ln V nats per token (ln 50,257 ≈ 10.825). A random GPT-2 scores about this; the
 * trained one far below it.
 */
export function uniformGuessText(vocabSize: number): string {
  return `Guessing uniformly over its ${thousands(vocabSize)} tokens would score ${Math.log(vocabSize).toFixed(3)}.`;
}
