import { describe, expect, it } from 'vitest';
import { analyzeSentence } from './agreement';
import { EXAMPLE_SENTENCES } from './examples';
import { encode } from './tokenizer';

describe('EXAMPLE_SENTENCES', () => {
  it('uses only vocabulary words', () => {
    for (const sentence of EXAMPLE_SENTENCES) {
      const unknown = encode(sentence).tokens.filter((t) => t.unknown);
      expect(unknown, sentence).toEqual([]);
    }
  });

  it('are grammatical and cover each construction the model must learn', () => {
    const analyses = EXAMPLE_SENTENCES.map((s) => analyzeSentence(s.split(' ')));
    for (const [i, a] of analyses.entries()) expect(a.errors, EXAMPLE_SENTENCES[i]).toEqual([]);
    const modifiers = new Set(analyses.map((a) => a.clauses[0].modifier));
    expect(modifiers).toEqual(
      new Set(['object-relative', 'subject-relative', 'prepositional', 'none']),
    );
    expect(analyses.some((a) => a.clauses.length === 2)).toBe(true);
  });
});
