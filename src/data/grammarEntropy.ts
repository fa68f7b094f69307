/**
 * The entropy of the toy language, exactly, from the generator's own odds (grammar.ts): the loss
 * of a model that knows the grammar perfectly.
 *
 * Every surface form has one role (vocabulary.ts) and singular and plural forms differ, so a
 * sentence's words determine every choice that made it: the entropy of a sentence is the entropy
 * of its choices. Those compose: a fixed sequence of parts adds their entropies and lengths, and a
 * choice between parts with probabilities p_i adds H(p) = −Σ p_i ln p_i to the average of the
 * branches. Sentences are drawn independently and each ends in ".", so the token stream's
 * entropy rate is
 *
 *   H(sentence) / E[words per sentence]   (nats per word; one word is one token)
 *
 * A model that reads only a window of T words is a little worse than this rate at the window's
 * first words, which start mid-sentence: it is a floor under every validation loss, not a loss
 * some window-reader reaches.
 */
import { ALL_NOUNS, ODDS, SENTENCE_TEMPLATES } from './grammar';
import {
  ADJECTIVES,
  ANIMATE_NOUNS,
  DETERMINERS,
  NAMES,
  POST_VERB_ADVERBS,
  PREPOSITIONS,
  PRE_VERB_ADVERBS,
  INTRANSITIVE_VERBS,
  TRANSITIVE_VERBS,
  type GrammaticalNumber,
  type NounEntry,
} from './vocabulary';

/** A part of a sentence: the entropy of its choices (nats) and its expected length in words. */
export interface Part {
  entropy: number;
  length: number;
}

const EMPTY: Part = { entropy: 0, length: 0 };
/** A word fixed by what came before ("that", ".", the pronoun of the first subject). */
const WORD: Part = { entropy: 0, length: 1 };
/** One word drawn uniformly from n. */
const pick = (n: number): Part => ({ entropy: Math.log(n), length: 1 });

function seq(...parts: Part[]): Part {
  return parts.reduce((a, b) => ({ entropy: a.entropy + b.entropy, length: a.length + b.length }));
}

/** A choice whose branch the words reveal: [probability, part] pairs summing to 1. */
function mix(...branches: [number, Part][]): Part {
  const total = branches.reduce((s, [p]) => s + p, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`branch probabilities sum to ${total}, not 1`);
  return branches.reduce(
    (a, [p, part]) => ({
      entropy: a.entropy + (p > 0 ? -p * Math.log(p) : 0) + p * part.entropy,
      length: a.length + p * part.length,
    }),
    EMPTY,
  );
}

/** A choice of one of n equally likely parts. */
const uniform = (parts: Part[]): Part =>
  mix(...parts.map((p): [number, Part] => [1 / parts.length, p]));

/** A grammatical number drawn by `randomNumber`, and what follows from it. */
const numbered = (f: (n: GrammaticalNumber) => Part): Part =>
  mix([ODDS.singular, f('sg')], [1 - ODDS.singular, f('pl')]);

const determiner = (n: GrammaticalNumber) =>
  mix([ODDS.the, WORD], [1 - ODDS.the, pick(DETERMINERS[n].length)]);

const A = ADJECTIVES.length;
const adjectives = mix(
  [ODDS.noAdjective, EMPTY],
  [ODDS.upToOneAdjective - ODDS.noAdjective, pick(A)],
  // Two distinct ones: the second is redrawn until it differs from the first.
  [1 - ODDS.upToOneAdjective, seq(pick(A), pick(A - 1))],
);

const nounPhrase = (n: GrammaticalNumber, nouns: readonly NounEntry[]) =>
  seq(determiner(n), adjectives, pick(nouns.length));
const name = pick(NAMES.length);
const plainSubject = mix(
  [ODDS.name, name],
  [1 - ODDS.name, numbered((n) => nounPhrase(n, ANIMATE_NOUNS))],
);
const objectOf = (object: 'animate' | 'any') =>
  mix(
    [ODDS.name, name],
    [
      1 - ODDS.name,
      numbered((n) => nounPhrase(n, object === 'animate' ? ANIMATE_NOUNS : ALL_NOUNS)),
    ],
  );
/** A transitive verb and its object. */
const transitive = uniform(TRANSITIVE_VERBS.map((v) => seq(WORD, objectOf(v.object))));
/** The same for either number: only the verb's form depends on it. */
const verbPhrase = seq(
  mix([ODDS.preVerbAdverb, pick(PRE_VERB_ADVERBS.length)], [1 - ODDS.preVerbAdverb, EMPTY]),
  mix(
    [
      ODDS.intransitive,
      seq(
        pick(INTRANSITIVE_VERBS.length),
        mix(
          [ODDS.postVerbAdverb, pick(POST_VERB_ADVERBS.length)],
          [1 - ODDS.postVerbAdverb, EMPTY],
        ),
      ),
    ],
    [1 - ODDS.intransitive, transitive],
  ),
);

const modified = (modifier: (head: GrammaticalNumber) => Part) =>
  numbered((head) => seq(nounPhrase(head, ANIMATE_NOUNS), modifier(head), verbPhrase, WORD));

// "that" + inner subject + transitive verb; a name only as a singular inner subject.
const objectRelative = numbered((inner) =>
  seq(
    WORD,
    inner === 'sg'
      ? mix([ODDS.name, name], [1 - ODDS.name, nounPhrase('sg', ANIMATE_NOUNS)])
      : nounPhrase('pl', ANIMATE_NOUNS),
    pick(TRANSITIVE_VERBS.length),
  ),
);

/** After "and": the first subject's pronoun or a new subject, if the first has a pronoun. */
const secondSubject = mix([ODDS.pronounAfterAnd, WORD], [1 - ODDS.pronounAfterAnd, plainSubject]);
// The first subject decides whether a pronoun may follow: not after a singular noun of no gender.
const subjects = mix(
  [ODDS.name, seq(name, secondSubject)],
  [
    1 - ODDS.name,
    numbered((n) =>
      uniform(
        ANIMATE_NOUNS.map((noun) =>
          seq(
            determiner(n),
            adjectives,
            WORD,
            n === 'sg' && noun.gender === null ? plainSubject : secondSubject,
          ),
        ),
      ),
    ),
  ],
);

const TEMPLATE_PARTS: Record<(typeof SENTENCE_TEMPLATES)[number]['name'], Part> = {
  simple: seq(plainSubject, verbPhrase, WORD),
  pronoun: seq(mix([ODDS.singular, pick(3)], [1 - ODDS.singular, WORD]), verbPhrase, WORD),
  'object-relative': modified(() => objectRelative),
  'subject-relative': modified(() => seq(WORD, transitive)),
  prepositional: modified(() =>
    seq(
      pick(PREPOSITIONS.length),
      numbered((n) => nounPhrase(n, ALL_NOUNS)),
    ),
  ),
  conjoined: seq(subjects, verbPhrase, WORD, verbPhrase, WORD),
};

/** How the figure is had, for the manifest and the page. */
export const LANGUAGE_ENTROPY_NOTE =
  'exact, from the generator’s own odds: H(sentence) / E[words per sentence] (data/grammarEntropy.ts). ' +
  'A model reading 32-word windows, which start mid-sentence, cannot quite reach it.';

export interface LanguageEntropy {
  /** H(sentence), nats. */
  sentence: number;
  /** E[words per sentence], the "." included. */
  meanLength: number;
  /** The entropy rate of the token stream, nats per word. */
  perWord: number;
  /** Each template's sentences alone. */
  templates: Record<string, Part>;
}

export function languageEntropy(): LanguageEntropy {
  const sentence = mix(
    ...SENTENCE_TEMPLATES.map((t): [number, Part] => [t.weight, TEMPLATE_PARTS[t.name]]),
  );
  return {
    sentence: sentence.entropy,
    meanLength: sentence.length,
    perWord: sentence.entropy / sentence.length,
    templates: TEMPLATE_PARTS,
  };
}
