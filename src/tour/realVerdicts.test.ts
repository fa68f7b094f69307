import { describe, expect, it } from 'vitest';
import {
  alignmentOnReal,
  embeddingOnReal,
  gradientOnReal,
  quietOnReal,
  removalFigures,
  removalOnReal,
} from './realVerdicts';

const GPT2 = 'GPT-2 small';

describe('chapter 2 on GPT-2: directions of their own', () => {
  const small = { meanAbs: 0.3, random: 0.1, dModel: 64 };

  it('the same story when both are well above the random level', () => {
    const v = alignmentOnReal(GPT2, small, { meanAbs: 0.087, random: 0.029, dModel: 768 });
    expect(v.same).toBe(true);
    expect(v.text).toBe(
      'The same story: GPT-2 small’s sublayers write more aligned than random directions (mean |cosine| 0.087, 3 times the 0.029 of random directions in d = 768); ' +
        'our small model’s are more aligned than random directions (mean |cosine| 0.3, 3 times the 0.1 of random directions in d = 64).',
    );
  });

  it('a different story when GPT-2’s are as unrelated as random vectors', () => {
    const v = alignmentOnReal(GPT2, small, { meanAbs: 0.035, random: 0.029, dModel: 768 });
    expect(v.same).toBe(false);
    expect(v.text).toMatch(
      /^A different story: GPT-2 small’s sublayers write about as unrelated as random directions \(mean \|cosine\| 0\.035, 1\.21 times/,
    );
  });
});

describe('chapter 3 on GPT-2: the embedding at the top', () => {
  const small = { cos: 0.4, random: 0.1, dModel: 64 };

  it('the same story when both streams still point toward their embeddings', () => {
    const v = embeddingOnReal(GPT2, small, { cos: 0.2, random: 0.029, dModel: 768 });
    expect(v.same).toBe(true);
    expect(v.text).toContain(
      'The same story: after GPT-2 small’s last layer the stream still points toward what the embedding wrote (cosine 0.2, against 0.029 for random directions in d = 768)',
    );
  });

  it('a different story when GPT-2’s embedding is drowned', () => {
    const v = embeddingOnReal(GPT2, small, { cos: 0.05, random: 0.029, dModel: 768 });
    expect(v.same).toBe(false);
    expect(v.text).toContain(
      'the stream points no more toward the embedding than a random direction would (cosine 0.05',
    );
    expect(v.text).toContain('our small model’s stream still points toward');
  });

  it('a different story when one stream points away from its embedding', () => {
    const v = embeddingOnReal(
      GPT2,
      { ...small, cos: -0.3 },
      { cos: 0.01, random: 0.029, dModel: 768 },
    );
    expect(v.same).toBe(false);
    expect(v.text).toContain(
      'our small model’s stream points away from what the embedding wrote (cosine -0.3, against 0.1',
    );
  });
});

describe('chapter 4 on GPT-2: the gradient at the bottom', () => {
  const small = { on: 1.4, off: 2e-5 };

  it('the same story when the gradient gets through with skips and vanishes without', () => {
    const v = gradientOnReal(GPT2, small, { on: 0.8, off: 1e-6 }, 0);
    expect(v.same).toBe(true);
    expect(v.text).toBe(
      'The same story: GPT-2 small’s embedding receives 0.8 times the gradient arriving at the top with its skips (gets through), ' +
        'and 1.0e-6 times it with them weakened to α = 0 now (vanished); ' +
        'our small models’: 1.4 with skips (gets through), 2.0e-5 for the one trained without (vanished).',
    );
  });

  it('a different story when weakening GPT-2’s skips does not starve its bottom, or blows it up', () => {
    expect(gradientOnReal(GPT2, small, { on: 0.8, off: 0.3 }, 0.5).same).toBe(false);
    const blown = gradientOnReal(GPT2, small, { on: 0.8, off: 4e4 }, 0);
    expect(blown.same).toBe(false);
    expect(blown.text).toContain('with them weakened to α = 0 now (blown up)');
  });
});

describe('chapter 5 on GPT-2: sublayers that step aside', () => {
  const small = [0.1, 0.2, 0.8, 0.1];

  it('the same story when most sublayers write little in both', () => {
    const v = quietOnReal(GPT2, small, [0.05, 0.1, 0.3, 0.2, 0.9, 0.01]);
    expect(v.same).toBe(true);
    expect(v.text).toBe(
      'The same story: in GPT-2 small, 4 of 6 sublayers write less than 0.25 of the stream’s length; ‖f(x)‖/‖x‖ runs from 0.01 to 0.9; ' +
        'in our small model, 3 of 4 sublayers write less than 0.25 of the stream’s length; ‖f(x)‖/‖x‖ runs from 0.1 to 0.8.',
    );
  });

  it('a different story when none of GPT-2’s does', () => {
    const v = quietOnReal(GPT2, small, [0.5, 1.2, 0.3, 0.7]);
    expect(v.same).toBe(false);
    expect(v.text).toContain('in GPT-2 small, 0 of 4 sublayers write less than 0.25');
  });
});

describe('chapter 5 on GPT-2, with the lesion sweeps: removals that cost little', () => {
  const label = (k: number) => `sublayer ${k}`;
  const small = { intact: 1.5, lesioned: [1.6, 3.5, 1.55, 1.52] };

  it('the same story when most removals are cheap in both', () => {
    const v = removalOnReal(GPT2, small, { intact: 3.3, lesioned: [9.1, 3.4, 3.35, 3.31] }, label);
    expect(v.same).toBe(true);
    expect(v.text).toBe(
      'The same story: in GPT-2 small, 3 of its 4 sublayers can each be removed for at most 0.25 nats per token (intact: 3.3); removing sublayer 0 raises the loss most, by 5.8; ' +
        'in our small model with skips, 3 of its 4 sublayers can each be removed for at most 0.25 nats per token (intact: 1.5); removing sublayer 1 raises the loss most, by 2.',
    );
  });

  it('names no dearest removal when every removal lowers the loss (a random model’s sweep)', () => {
    // The random tiny fixture's sweep: its costliest removal still lowers the loss, by 0.308.
    const lowered = { intact: 5.5, lesioned: [5.192, 5.1, 4.9, 5.0] };
    expect(removalFigures(lowered, label)).toBe(
      '4 of its 4 sublayers can each be removed for at most 0.25 nats per token (intact: 5.5); no single removal raises the loss',
    );
    // One removal that raises the loss, however little, is named.
    expect(removalFigures({ ...lowered, lesioned: [5.192, 5.51, 4.9, 5.0] }, label)).toContain(
      'removing sublayer 1 raises the loss most, by 0.01',
    );
  });

  it('a different story when most of GPT-2’s removals are dear', () => {
    const v = removalOnReal(GPT2, small, { intact: 3.3, lesioned: [9.1, 4.4, 3.9, 3.31] }, label);
    expect(v.same).toBe(false);
    expect(v.text).toContain('in GPT-2 small, 1 of its 4 sublayers can each be removed');
  });
});
