import { describe, expect, it } from 'vitest';
import { learningRateText } from './learningRateText';

describe('learningRateText', () => {
  it('names each network’s rate when they differ', () => {
    expect(learningRateText({ on: 3e-3, off: 1e-3 })).toBe(
      'with skips at learning rate 0.003, without skips at 0.001',
    );
  });

  it('says “both” when the rates are the same', () => {
    expect(learningRateText({ on: 0.01, off: 0.01 })).toBe('both at learning rate 0.01');
  });

  it('says nothing before a run, and only the run there is otherwise', () => {
    expect(learningRateText({ on: null, off: null })).toBeNull();
    expect(learningRateText({ on: null, off: 3e-4 })).toBe('without skips at learning rate 3.0e-4');
  });
});
