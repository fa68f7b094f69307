import { describe, expect, it } from 'vitest';
import { lossTier, pairVerdict } from './lossVerdict';

const refs = {
  uniform: 5.28,
  unigram: 4.54,
  bigram: 3.28,
  grammarEntropy: null,
  grammarEntropyNote: '',
};
const model = (id: string, loss: number, agreement: number | null) => ({
  id,
  steps: 1200,
  finalValidLoss: loss,
  init: id === 'plain' ? 'xavier' : 'gpt2',
  lr: 0.001,
  agreement,
});

describe('the plain model’s loss among the references', () => {
  it('places a loss below, between or above the bigram and unigram levels', () => {
    expect(lossTier(3.0, refs)).toContain('beats a table');
    expect(lossTier(3.37, refs)).toContain('less than a table');
    // The plain model shipped before issue 13: 4.53, a hair under the unigram level.
    expect(lossTier(4.53, refs)).toContain('little else');
    expect(lossTier(4.6, refs)).toContain('little else');
  });

  it('says how each model was trained and, when measured, its agreement accuracy', () => {
    const text = pairVerdict(model('residual', 2.86, 1), model('plain', 3.37, 0.522), refs);
    expect(text).toContain('Xavier’s initialisation, learning rate 0.001, 1200 steps');
    expect(text).toContain('52% of the time');
    expect(text).toContain('against 100% with skips');
    expect(
      pairVerdict(model('residual', 2.86, null), model('plain', 3.37, null), refs),
    ).not.toContain('chance');
  });
});
