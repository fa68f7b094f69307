import { describe, expect, it } from 'vitest';
import { depthRows } from '../../analysis/depthRows';
import { gapSentence, orders } from './depthGap';

const run = (layers: number, init: number, scheme: string) => ({
  layers,
  init: scheme,
  initFirstOverLast: init,
  trainedFirstOverLast: init,
});

describe('the gradient gap in words', () => {
  it('says how many orders of magnitude, either way, or that there are none', () => {
    expect(orders(16.2)).toBe('16.2 orders of magnitude more');
    expect(orders(-2)).toBe('2.0 orders of magnitude less');
    expect(orders(0.1)).toBe('about as much');
    expect(orders(Infinity)).toBe('more than the numbers can hold');
  });

  it('splits the gap into the init’s part and the skips’ part when inits were compared', () => {
    const on = [run(4, 1, 'gpt2')];
    const off = [run(4, 3.5e-3, 'xavier'), run(4, 1e-19, 'gpt2')];
    const text = gapSentence(depthRows(on, off)[0], off)!;
    expect(text).toContain(
      '0.0035 of the top’s gradient from Xavier’s init and 1.0e-19 from GPT-2’s',
    );
    expect(text).toContain('the init’s part, Xavier’s lets 16.5 orders of magnitude more through');
    expect(text).toContain('the skips’ part, 2.5 orders of magnitude more than without them');
    expect(gapSentence(depthRows(on, off.slice(0, 1))[0], off.slice(0, 1))).toBeNull();
  });

  it('says so when the init makes no difference', () => {
    const on = [run(2, 1, 'gpt2')];
    const off = [run(2, 0.2, 'xavier'), run(2, 0.25, 'gpt2')];
    expect(gapSentence(depthRows(on, off)[0], off)).toContain(
      'Xavier’s lets about as much through',
    );
  });
});
