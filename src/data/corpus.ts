/**
 * Corpora of N generated sentences from a seed: as word arrays, as text, or as the token stream
 * the model trains on. One `Rng` is threaded through all sentences, so the whole corpus is a pure
 * function of (seed, count).
 */
import { Rng } from '../engine/rng';
import { generateSentence } from './grammar';
import { tokenId } from './tokenizer';

export function generateSentences(seed: number, count: number): string[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => generateSentence(rng));
}

/** Sentences joined by spaces: "the dog runs . the cats sleep ." */
export function generateCorpusText(seed: number, count: number): string {
  return generateSentences(seed, count)
    .map((words) => words.join(' '))
    .join(' ');
}

/** Token ids of `count` sentences packed back to back, with no separator beyond each ".". */
export function generateTokenStream(seed: number, count: number): Int32Array {
  const ids: number[] = [];
  for (const words of generateSentences(seed, count)) {
    for (const word of words) ids.push(tokenId(word));
  }
  return Int32Array.from(ids);
}
