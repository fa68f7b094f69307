import { describe, expect, it } from 'vitest';
import { logSumExp, nextTokenLosses } from './softmax';

describe('softmax', () => {
  it('logSumExp has its closed forms and does not overflow', () => {
    expect(logSumExp([0, 0, 0, 0], 0, 4)).toBeCloseTo(Math.log(4), 14);
    expect(logSumExp([9, 0, Math.log(3)], 1, 2)).toBeCloseTo(Math.log(4), 14); // ln(1 + 3)
    expect(logSumExp([1000, 1000], 0, 2)).toBeCloseTo(1000 + Math.log(2), 10);
  });

  it('charges −ln p of the next word, and nothing at the last position', () => {
    // Row 0: p = (1/4, 3/4), next word 1; row 1: uniform over 2, next word 0; row 2: last.
    const logits = [0, Math.log(3), 5, 5, 7, -7];
    const loss = nextTokenLosses(logits, [0, 1, 0], 3, 2);
    expect(loss[0]).toBeCloseTo(-Math.log(3 / 4), 14);
    expect(loss[1]).toBeCloseTo(Math.log(2), 14);
    expect(loss[2]).toBeNaN();
    // A near-certain wrong guess costs about the logit gap, not Infinity.
    expect(nextTokenLosses([0, 800], [0, 0], 2, 2)[0]).toBeCloseTo(800, 10);
  });
});
