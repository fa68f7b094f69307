import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { analyzeSentence } from './agreement';
import { SENTENCE_TEMPLATES, generateSentence } from './grammar';
import { LEXICON_WORDS } from './vocabulary';
import { wordRole } from './wordRoles';

const draw = (seed: number, count: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => generateSentence(rng));
};

// One shared sample keeps the statistical tests fast and reading the same data.
const SAMPLE = draw(2024, 10_000);
const ANALYSES = SAMPLE.map((words) => analyzeSentence(words));

describe('generateSentence', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(draw(5, 50)).toEqual(draw(5, 50));
    expect(draw(5, 50)).not.toEqual(draw(6, 50));
  });

  it('uses only vocabulary words and ends every sentence with one "."', () => {
    const vocab = new Set(LEXICON_WORDS);
    const unknown = new Set(SAMPLE.flat().filter((word) => !vocab.has(word)));
    expect(unknown).toEqual(new Set());
    const malformed = SAMPLE.filter((words) => words.indexOf('.') !== words.length - 1);
    expect(malformed).toEqual([]);
  });

  it('produces sentences the independent checker accepts: every agreement holds', () => {
    const failures = SAMPLE.flatMap((words, i) =>
      ANALYSES[i].ok ? [] : [`${words.join(' ')}: ${ANALYSES[i].errors.join('; ')}`],
    );
    expect(failures).toEqual([]);
  });

  it('puts a relative clause or prepositional phrase before the verb in at least 25% of sentences', () => {
    const modified = ANALYSES.filter((a) => a.clauses[0].modifier !== 'none').length;
    expect(modified / SAMPLE.length).toBeGreaterThanOrEqual(0.25);
    for (const kind of ['object-relative', 'subject-relative', 'prepositional']) {
      const count = ANALYSES.filter((a) => a.clauses[0].modifier === kind).length;
      expect(count / SAMPLE.length, kind).toBeGreaterThan(0.1);
    }
  });

  it('lets the attractor disagree with the head about half the time: no nearest-noun shortcut', () => {
    let across = 0;
    let disagreeing = 0;
    SAMPLE.forEach((words, s) => {
      for (const clause of ANALYSES[s].clauses) {
        if (clause.attractor < 0) continue;
        across++;
        if (numberOf(words[clause.attractor]) !== clause.headNumber) disagreeing++;
      }
    });
    expect(disagreeing / across).toBeGreaterThan(0.35);
    expect(disagreeing / across).toBeLessThan(0.65);
  });

  it('draws every template, conjoined sentences included, and pronouns that refer back', () => {
    expect(SENTENCE_TEMPLATES.reduce((sum, t) => sum + t.weight, 0)).toBeCloseTo(1, 12);
    const conjoined = SAMPLE.filter((w) => w.includes('and'));
    expect(conjoined.length / SAMPLE.length).toBeGreaterThan(0.1);
    const withPronoun = conjoined.filter((w) =>
      ['he', 'she', 'it', 'they'].includes(w[w.indexOf('and') + 1]),
    );
    expect(withPronoun.length).toBeGreaterThan(conjoined.length / 4);
  });
});

/** Names are the only attractors that are not nouns, and they are singular. */
function numberOf(word: string): 'sg' | 'pl' {
  const role = wordRole(word);
  return role?.kind === 'noun' ? role.number : 'sg';
}
