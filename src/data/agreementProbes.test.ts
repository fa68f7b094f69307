import { describe, expect, it } from 'vitest';
import { analyzeSentence } from './agreement';
import { agreementProbes } from './agreementProbes';
import { wordRole } from './wordRoles';

describe('agreementProbes', () => {
  it('is deterministic by seed', () => {
    expect(agreementProbes(3, 50)).toEqual(agreementProbes(3, 50));
    expect(agreementProbes(3, 50)).not.toEqual(agreementProbes(4, 50));
  });

  it('completes to a grammatical sentence with the correct verb and an ungrammatical one with the wrong verb', () => {
    for (const probe of agreementProbes(8, 500)) {
      const good = analyzeSentence([...probe.prefix, probe.correct, '.']);
      expect(good.errors).toEqual([]);
      expect(good.clauses[0].modifier).toBe('object-relative');
      expect(good.clauses[0].headNumber).toBe(probe.headNumber);
      expect(analyzeSentence([...probe.prefix, probe.wrong, '.']).ok).toBe(false);
      expect(wordRole(probe.wrong)).toMatchObject({ kind: 'verb', otherForm: probe.correct });
    }
  });

  it('always puts an attractor of the other number, and whose verb agrees with it, before the gap', () => {
    for (const probe of agreementProbes(9, 300)) {
      const words = [...probe.prefix, probe.correct, '.'];
      const { attractor } = analyzeSentence(words).clauses[0];
      const attractorRole = wordRole(words[attractor]);
      const attractorNumber = attractorRole?.kind === 'noun' ? attractorRole.number : 'sg';
      expect(attractorNumber).not.toBe(probe.headNumber);
      // The word right before the gap is the inner verb, agreeing with the attractor: a trap.
      expect(wordRole(probe.prefix.at(-1) ?? '')).toMatchObject({
        kind: 'verb',
        number: attractorNumber,
      });
    }
  });

  it('balances singular and plural heads', () => {
    const singular = agreementProbes(10, 1000).filter((p) => p.headNumber === 'sg').length;
    expect(singular).toBeGreaterThan(400);
    expect(singular).toBeLessThan(600);
  });
});
