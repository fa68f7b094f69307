import { describe, expect, it } from 'vitest';
import {
  ADJECTIVES,
  ANIMATE_NOUNS,
  DETERMINERS,
  INANIMATE_NOUNS,
  INTRANSITIVE_VERBS,
  LEXICON_WORDS,
  TRANSITIVE_VERBS,
  pronounFor,
} from './vocabulary';

describe('vocabulary', () => {
  it('lists each word once, lowercase, and stays between 120 and 250 words', () => {
    expect(new Set(LEXICON_WORDS).size).toBe(LEXICON_WORDS.length);
    expect(LEXICON_WORDS.length).toBeGreaterThanOrEqual(120);
    expect(LEXICON_WORDS.length).toBeLessThanOrEqual(250);
    for (const word of LEXICON_WORDS) expect(word).toBe(word.toLowerCase());
  });

  it('starts nouns and adjectives with a consonant, so "a" never needs to be "an"', () => {
    const afterDeterminer = [
      ...ADJECTIVES,
      ...[...ANIMATE_NOUNS, ...INANIMATE_NOUNS].flatMap((n) => [n.sg, n.pl]),
    ];
    for (const word of afterDeterminer) expect(word[0], word).toMatch(/[^aeiou]/);
  });

  it('has the irregular plurals and distinct singular and plural forms', () => {
    const plural = new Map(ANIMATE_NOUNS.map((n) => [n.sg, n.pl]));
    expect(plural.get('child')).toBe('children');
    expect(plural.get('mouse')).toBe('mice');
    expect(plural.get('person')).toBe('people');
    for (const entry of [
      ...ANIMATE_NOUNS,
      ...INANIMATE_NOUNS,
      ...INTRANSITIVE_VERBS,
      ...TRANSITIVE_VERBS,
    ]) {
      expect(entry.sg).not.toBe(entry.pl);
    }
  });

  it('keeps number-specific determiners apart', () => {
    expect(DETERMINERS.sg.filter((d) => (DETERMINERS.pl as readonly string[]).includes(d))).toEqual(
      [],
    );
  });

  it('maps subjects to the pronoun that refers back to them', () => {
    expect(pronounFor('pl', 'f')).toBe('they');
    expect(pronounFor('sg', 'm')).toBe('he');
    expect(pronounFor('sg', 'f')).toBe('she');
    expect(pronounFor('sg', 'n')).toBe('it');
    expect(pronounFor('sg', null)).toBeNull();
  });
});
