import { describe, expect, it } from 'vitest';
import { REFERENCES } from './references.fixture';
import { learnedOnlyFrequencies, lossTier } from './lossTier';

const refs = REFERENCES;

describe('a loss among the references', () => {
  it('places a loss below, between or above the bigram and unigram levels', () => {
    expect(lossTier(3.0, refs)).toContain('beats a table');
    expect(lossTier(3.37, refs)).toContain('less than a table');
    // The plain model shipped before issue 13: 4.53, a hair under the unigram level.
    expect(lossTier(4.53, refs)).toContain('little else');
    expect(lossTier(4.6, refs)).toContain('little else');
  });

  it('counts a loss within 0.1 nats of the unigram level as word frequencies and no more', () => {
    expect(learnedOnlyFrequencies(4.45, refs)).toBe(true);
    expect(learnedOnlyFrequencies(4.43, refs)).toBe(false);
    expect(learnedOnlyFrequencies(3.37, refs)).toBe(false);
  });
});
