import { describe, expect, it } from 'vitest';
import { probeVerdict } from './probeVerdict';

const curve = (accuracy: number[], majority = 0.1) => ({ accuracy, majority });

describe('the probe caption', () => {
  it('says the stream with skips keeps more when its probe scores higher after the last layer', () => {
    const v = probeVerdict('word', curve([1, 0.9, 0.8]), curve([1, 0.5, 0.3]));
    expect(v.holds).toBe(true);
    expect(v.text).toContain('scores 80% with skips and 30% without');
    expect(v.text).toContain('keeps more of it.');
    expect(v.text).not.toContain('guessing at any point');
  });

  it('says so when the model without skips keeps more, or as much', () => {
    const more = probeVerdict('position', curve([0.9, 0.3]), curve([0.9, 0.6]));
    expect(more.holds).toBe(false);
    expect(more.text).toContain('the claim does not hold for this measure');
    const same = probeVerdict('position', curve([0.9, 0.5]), curve([0.9, 0.48]));
    expect(same.holds).toBe(false);
    expect(same.text).toContain('Both keep about as much');
  });

  it('names a model whose probe never beats guessing, and untrained twins that need no learning', () => {
    const v = probeVerdict('agreement', curve([0.5, 1], 0.5), curve([0.5, 0.52], 0.5), {
      on: curve([0.5, 1], 0.5),
      off: curve([0.5, 0.5], 0.5),
    });
    expect(v.text).toContain('Without skips, the probe does no better than guessing');
    expect(v.text).not.toContain('With skips, the probe');
    expect(v.text).toContain('Untrained twins: 100% with skips, 50% without; the untrained model');
    const learnt = probeVerdict('agreement', curve([0.5, 1], 0.5), curve([0.5, 0.9], 0.5), {
      on: curve([0.5, 0.6], 0.5),
      off: curve([0.5, 0.5], 0.5),
    });
    expect(learnt.text).toContain('Untrained twins: 60% with skips, 50% without.');
    const spent = probeVerdict('word', curve([1, 0.35]), curve([1, 0.28]), {
      on: curve([1, 0.81]),
      off: curve([1, 0.11]),
    });
    expect(spent.text).toContain('untrained, the skip path keeps more than after training');
  });
});
