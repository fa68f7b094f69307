import type { ReferenceLosses } from './trainingRecord';

/** Within this many nats of the unigram loss a model has learned word frequencies and no more. */
const AT_UNIGRAM = 0.1;

/** Whether a validation loss is no better than knowing how common each word is. */
export function learnedOnlyFrequencies(loss: number, r: ReferenceLosses): boolean {
  return loss >= r.unigram - AT_UNIGRAM;
}

/** Where a validation loss sits among the reference losses, in words. */
export function lossTier(loss: number, r: ReferenceLosses): string {
  if (loss < r.bigram)
    return 'it beats a table that counts which word follows which, so it learned more than word pairs';
  if (!learnedOnlyFrequencies(loss, r))
    return 'it learned more than how common each word is, but less than a table that counts which word follows which';
  return 'it learned which words are common, and little else';
}
