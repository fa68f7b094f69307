import { describe, expect, it } from 'vitest';
import { firstPositionText, normVerdict } from './normVerdict';

describe('the norm chart caption', () => {
  it('holds when the stream with skips ends longer than it starts, and says by how much', () => {
    const v = normVerdict('dogs', [1.02, 1.3, 65.5, 74], {
      name: 'trained without skips',
      path: [0.77, 10.3, 10.9, 19.4],
    });
    expect(v.holds).toBe(true);
    expect(v.text).toBe(
      'Here, with skips, the stream of “dogs” grows from 1.02 at the embedding to 74.00 after the last layer, longer than the point before at 3 of 3 steps. Trained without skips, it goes from 0.77 to 19.40.',
    );
  });

  it('says plainly when the stream with skips does not grow', () => {
    const v = normVerdict('run', [5, 7, 4, 3], null);
    expect(v.holds).toBe(false);
    expect(v.text).toBe(
      'Here, with skips, the stream of “run” does not grow: 5.00 at the embedding, 3.00 after the last layer, longer than the point before at 1 of 3 steps.',
    );
  });
});

describe('why the mean leaves the first position out', () => {
  it('quotes where and by how much the first position outgrows the rest', () => {
    const text = firstPositionText(
      { point: 12, norm: 3012.4, others: 98.1, ratio: 30.7 },
      '<|endoftext|>',
      'skips on',
    );
    expect(text).toContain(
      'The first position, “<|endoftext|>”, is 30.7× as long as the median of the others (after Layer 6 · MLP, skips on: ‖x‖ = 3012.40 against 98.10).',
    );
    expect(text).toContain('the mean leaves it out');
  });
});
