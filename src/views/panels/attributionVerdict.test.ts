import { describe, expect, it } from 'vitest';
import { attributionVerdict } from './attributionVerdict';

const writer = (k: number) => ['emb', '1a', '1m', 'bias'][k];

describe('the logit attribution caption', () => {
  it('says the prediction is built by several writers when two or more give a fifth each', () => {
    const v = attributionVerdict('with skips', 'dog', [1, 2, 1.5, 0.5], writer);
    expect(v.spread).toBe(true);
    expect(v.text).toContain('With skips predicts “dog”, 5 above');
    expect(v.text).toContain('The largest push is 1a (+2, 40% of it); 3 writers each give');
    expect(v.text).toContain('The embedding’s own share: +1.');
  });

  it('says when one writer gives nearly all of it', () => {
    const v = attributionVerdict('with skips', 'the', [0.1, -0.5, 4, 0.4], writer);
    expect(v.spread).toBe(false);
    expect(v.text).toContain('The largest push is 1m (+4, 100% of it); no other writer');
  });

  it('names the last sublayer as the only direct writer of a model without skips', () => {
    const v = attributionVerdict('without skips', 'the', [0, 0, 3, 0.2], writer);
    expect(v.text).toContain('Only 1m writes to the output directly (+3)');
    expect(v.text).not.toContain('largest push');
  });
});
