import type { ReferenceLosses } from './trainingRecord';

/** The shipped corpus's reference losses as the manifest records them (issue 13), for tests. */
export const REFERENCES: ReferenceLosses = {
  uniform: 5.28,
  unigram: 4.54,
  bigram: 3.28,
  grammarEntropy: null,
  grammarEntropyNote: '',
};
