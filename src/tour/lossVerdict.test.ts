import { describe, expect, it } from 'vitest';
import { REFERENCES } from '../views/references.fixture';
import { endPointVerdict, firstStepAtOrBelow, pairVerdict, speedVerdict } from './lossVerdict';

const refs = REFERENCES;
const model = (id: string, loss: number, agreement: number | null) => ({
  id,
  steps: 1200,
  finalValidLoss: loss,
  init: id === 'plain' ? 'xavier' : 'gpt2',
  lr: 0.001,
  agreement,
  validCurve: [] as { step: number; valid: number }[],
});
/** A run whose validation loss falls by `drop` every 100 steps from 4 to `end`. */
const falling = (id: string, end: number, drop: number) => {
  const validCurve = [];
  for (let step = 100, v = 4 - drop; ; step += 100, v -= drop) {
    validCurve.push({ step, valid: Math.max(v, end) });
    if (v <= end) break;
  }
  return { ...model(id, end, 1), validCurve };
};

describe('the shipped pair’s training record', () => {
  it('says how each model was trained and, when measured, its agreement accuracy', () => {
    const text = pairVerdict(model('residual', 2.86, 1), model('plain', 3.37, 0.522), refs);
    expect(text).toContain('Xavier’s initialisation, learning rate 0.001, 1,200 steps');
    expect(text).toContain('52% of the time');
    expect(text).not.toContain('floor');
    expect(
      pairVerdict(model('residual', 2.86, 1), model('plain', 3.37, 1), {
        ...refs,
        grammarEntropy: 2.782,
      }),
    ).toContain('word pairs (the language’s own entropy, the floor: 2.78)');
    expect(text).toContain('against 100% with skips');
    expect(
      pairVerdict(model('residual', 2.86, null), model('plain', 3.37, null), refs),
    ).not.toContain('chance');
  });

  it('says which model reached the loss both reach first, and how much sooner', () => {
    // With skips: 4 → 2.8 in steps of 0.1 (first ≤ 2.85 at step 1200); without: steps of 0.02.
    const fast = falling('residual', 2.8, 0.1);
    const slow = falling('plain', 2.85, 0.02);
    expect(firstStepAtOrBelow(fast.validCurve, 2.85)).toBe(1200);
    expect(firstStepAtOrBelow(slow.validCurve, 2.85)).toBe(5800);
    expect(speedVerdict(fast, slow)).toBe(
      'Both reach a held-out loss of 2.85: with skips after 1,200 steps, without after 5,800, so the model with skips got there 4.83× sooner. ',
    );
    expect(speedVerdict(falling('residual', 2.8, 0.02), falling('plain', 2.8, 0.1))).toContain(
      'with skips after 6,000 steps, without after 1,200, so the model without skips got there 5× sooner',
    );
    expect(speedVerdict(falling('residual', 2.8, 0.1), falling('plain', 2.8, 0.1))).toContain(
      'both got there at about the same pace',
    );
    // No curve recorded: nothing said, and the pair verdict still reads.
    expect(speedVerdict(model('residual', 2.8, 1), slow)).toBe('');
    expect(pairVerdict(fast, slow, refs)).toMatch(/^Both reach .* Without skips/);
  });

  it('says whether skips bought a better end point or only speed', () => {
    const same = endPointVerdict(model('residual', 2.835, 1), model('plain', 2.839, 1), refs);
    expect(same).toContain(
      'within 0.02 nats of each other (2.83 nats per word with skips, 2.84 without',
    );
    expect(same).toContain('skips bought speed, not a better end point');
    const behind = endPointVerdict(model('residual', 2.86, 1), model('plain', 3.37, 1), refs);
    expect(behind).toContain('the model without skips ends behind');
    expect(endPointVerdict(model('residual', 3.37, 1), model('plain', 2.86, 1), refs)).toContain(
      'the model without skips ends ahead',
    );
  });
});
