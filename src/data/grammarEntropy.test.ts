import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { bigramValidationLoss } from './bigram';
import { generateTokenStream } from './corpus';
import { ALL_NOUNS, ODDS, SENTENCE_TEMPLATES } from './grammar';
import { languageEntropy } from './grammarEntropy';
import { vocabSize } from './tokenizer';
import {
  ADJECTIVES,
  ANIMATE_NOUNS,
  DETERMINERS,
  INTRANSITIVE_VERBS,
  NAMES,
  POST_VERB_ADVERBS,
  PRE_VERB_ADVERBS,
  TRANSITIVE_VERBS,
} from './vocabulary';

const H = languageEntropy();
const binary = (p: number) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);

describe('the language’s entropy', () => {
  it('expects each template’s sentences to be as long as the generator makes them', () => {
    const rng = new Rng(5);
    for (const t of SENTENCE_TEMPLATES) {
      const n = 20_000;
      let words = 0;
      for (let i = 0; i < n; i++) words += t.build(rng).length;
      // The standard error of a mean length over 20 000 sentences is below 0.02 words.
      expect(words / n, t.name).toBeCloseTo(H.templates[t.name].length, 1);
    }
  });

  it('gives a pronoun sentence the entropy of its choices, worked out by hand', () => {
    const ln = Math.log;
    const { singular: sg, the, name, preVerbAdverb: pre, intransitive: intr } = ODDS;
    const post = ODDS.postVerbAdverb;
    const A = ADJECTIVES.length;
    const [none, one] = [ODDS.noAdjective, ODDS.upToOneAdjective - ODDS.noAdjective];
    const two = 1 - ODDS.upToOneAdjective;
    const adjectives =
      -none * ln(none) - one * ln(one) - two * ln(two) + one * ln(A) + two * (ln(A) + ln(A - 1));
    const determiner = (n: 'sg' | 'pl') => binary(the) + (1 - the) * ln(DETERMINERS[n].length);
    const nounPhrase = (nouns: number) =>
      binary(sg) + sg * determiner('sg') + (1 - sg) * determiner('pl') + adjectives + ln(nouns);
    const object = (kind: 'animate' | 'any') =>
      binary(name) +
      name * ln(NAMES.length) +
      (1 - name) * nounPhrase(kind === 'animate' ? ANIMATE_NOUNS.length : ALL_NOUNS.length);
    const meanObject =
      TRANSITIVE_VERBS.reduce((s, v) => s + object(v.object), 0) / TRANSITIVE_VERBS.length;
    const verbPhrase =
      binary(pre) +
      pre * ln(PRE_VERB_ADVERBS.length) +
      binary(intr) +
      intr * (ln(INTRANSITIVE_VERBS.length) + binary(post) + post * ln(POST_VERB_ADVERBS.length)) +
      (1 - intr) * (ln(TRANSITIVE_VERBS.length) + meanObject);
    // he|she|it when singular, they when plural; then the verb phrase and ".".
    const pronounSentence = binary(sg) + sg * ln(3) + verbPhrase;
    expect(H.templates.pronoun.entropy).toBeCloseTo(pronounSentence, 10);
  });

  it('is a floor under the loss of a bigram table fitted to a large sample', () => {
    const bigram = bigramValidationLoss({
      trainTokens: generateTokenStream(1, 40_000),
      validTokens: generateTokenStream(2, 4_000),
      vocabSize,
      smoothing: 0.01,
    });
    expect(H.perWord).toBeGreaterThan(1);
    expect(H.perWord).toBeLessThan(bigram - 0.2);
    expect(H.perWord).toBeCloseTo(H.sentence / H.meanLength, 12);
  });
});
