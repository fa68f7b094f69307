import { describe, expect, it } from 'vitest';
import { REFERENCES } from '../views/references.fixture';
import { pairVerdict } from './lossVerdict';

const refs = REFERENCES;
const model = (id: string, loss: number, agreement: number | null) => ({
  id,
  steps: 1200,
  finalValidLoss: loss,
  init: id === 'plain' ? 'xavier' : 'gpt2',
  lr: 0.001,
  agreement,
});

describe('the shipped pair’s training record', () => {
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
