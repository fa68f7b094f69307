import { describe, expect, it } from 'vitest';
import { loudRemovalVerdict } from './loudRemoval';

describe('the loudest writer’s removal', () => {
  it('holds when the removal costs more than a cheap one, and says how much it hurt', () => {
    const v = loudRemovalVerdict('MLP 1', 2.9, 5.1, 0.25, null);
    expect(v.holds).toBe(true);
    expect(v.sentence).toBe(
      'Without MLP 1 the model falls apart: the sublayers above it read what it wrote.',
    );
    expect(loudRemovalVerdict('attn 2', 2.9, 3.4, 0.25, null).sentence).toMatch(
      /^Removing attn 2 hurts/,
    );
  });

  it('does not hold when the removal is cheap, and says so', () => {
    const v = loudRemovalVerdict('MLP 3', 2.9, 3.0, 0.25, null);
    expect(v.holds).toBe(false);
    expect(v.sentence).toContain('even removing MLP 3, the loudest writer, costs less than 0.25');
  });

  it('names the sweep’s costliest removal, and whether it is this sublayer', () => {
    expect(
      loudRemovalVerdict('MLP 1', 2.9, 5.1, 0.25, { label: 'MLP 1', increase: 1.5 }).sentence,
    ).toContain('The lesion sweep agrees: on held-out text it is the costliest removal (+1.5).');
    expect(
      loudRemovalVerdict('MLP 3', 2.9, 3.0, 0.25, { label: 'MLP 1', increase: 1.5 }).sentence,
    ).toContain('the lesion sweep’s costliest removal is MLP 1 (+1.5), not this one.');
  });
});
