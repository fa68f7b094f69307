import { describe, expect, it } from 'vitest';
import { LEXICON_WORDS } from './vocabulary';
import { wordRole } from './wordRoles';

describe('wordRole', () => {
  it('gives every word of the vocabulary exactly one role', () => {
    for (const word of LEXICON_WORDS) expect(wordRole(word), word).toBeDefined();
  });

  it('knows number, animacy and the other verb form', () => {
    expect(wordRole('mice')).toEqual({ kind: 'noun', number: 'pl', animate: true, gender: 'n' });
    expect(wordRole('tree')).toMatchObject({ kind: 'noun', number: 'sg', animate: false });
    expect(wordRole('runs')).toEqual({
      kind: 'verb',
      number: 'sg',
      otherForm: 'run',
      object: null,
    });
    expect(wordRole('chase')).toMatchObject({
      number: 'pl',
      otherForm: 'chases',
      object: 'animate',
    });
    expect(wordRole('every')).toEqual({ kind: 'determiner', numbers: ['sg'] });
    expect(wordRole('the')).toEqual({ kind: 'determiner', numbers: ['sg', 'pl'] });
  });

  it('returns undefined for unknown words and for capitalised ones (callers lowercase first)', () => {
    expect(wordRole('elephant')).toBeUndefined();
    expect(wordRole('Dog')).toBeUndefined();
  });
});
