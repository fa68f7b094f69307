/**
 * A procedural generator of English-like sentences, one word per array element.
 *
 * The point of the language is structure that a bigram model cannot see: the main verb agrees
 * with a head noun several words back ("the dogs that the cat sees run ."), a pronoun after "and"
 * refers to the first subject, and determiners pin a number that the noun must match. Half of all
 * sentences put a relative clause or a prepositional phrase between subject and verb, and the noun
 * inside it (the "attractor") has an independently drawn number, so it disagrees half the time.
 */
import type { Rng } from '../engine/rng';
import {
  ADJECTIVES,
  ANIMATE_NOUNS,
  CONJUNCTION,
  DETERMINERS,
  INANIMATE_NOUNS,
  INTRANSITIVE_VERBS,
  NAMES,
  PERIOD,
  POST_VERB_ADVERBS,
  PRE_VERB_ADVERBS,
  PREPOSITIONS,
  PRONOUNS,
  RELATIVIZER,
  TRANSITIVE_VERBS,
  pronounFor,
  type GrammaticalNumber,
  type NounEntry,
  type VerbEntry,
} from './vocabulary';

/** A subject or object phrase, with what later words must agree with. */
export interface NounPhrase {
  words: string[];
  number: GrammaticalNumber;
  /** The pronoun that may refer back to this phrase, or null if none may. */
  pronoun: string | null;
}

export const ALL_NOUNS: readonly NounEntry[] = [...ANIMATE_NOUNS, ...INANIMATE_NOUNS];

/**
 * The probability of each choice the generator makes (every pick from a word list is uniform).
 * Named once here because grammarEntropy.ts computes the language's entropy from the same odds.
 */
export const ODDS = {
  /** A drawn grammatical number is singular. */
  singular: 0.5,
  /** The determiner is "the" rather than one that pins the number. */
  the: 0.5,
  /** No adjective below this draw, one below `upToOneAdjective`, else two distinct ones. */
  noAdjective: 0.6,
  upToOneAdjective: 0.9,
  /** A subject or object is a name rather than a noun phrase (an inner subject only if singular). */
  name: 0.15,
  preVerbAdverb: 0.15,
  /** The verb is intransitive rather than transitive with an object. */
  intransitive: 0.5,
  /** An intransitive verb is followed by an adverb. */
  postVerbAdverb: 0.3,
  /** After "and", the pronoun of a first subject that has one. */
  pronounAfterAnd: 0.6,
} as const;

function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

export function randomNumber(rng: Rng): GrammaticalNumber {
  return chance(rng, ODDS.singular) ? 'sg' : 'pl';
}

export function verbForm(verb: VerbEntry, number: GrammaticalNumber): string {
  return number === 'sg' ? verb.sg : verb.pl;
}

/** "the" half of the time, otherwise a determiner that only fits this number. */
function determiner(rng: Rng, number: GrammaticalNumber): string {
  return chance(rng, ODDS.the) ? DETERMINERS.both[0] : rng.pick(DETERMINERS[number]);
}

/** Zero (60%), one (30%) or two distinct (10%) adjectives. */
function adjectives(rng: Rng): string[] {
  const u = rng.next();
  if (u < ODDS.noAdjective) return [];
  const first = rng.pick(ADJECTIVES);
  if (u < ODDS.upToOneAdjective) return [first];
  let second = rng.pick(ADJECTIVES);
  while (second === first) second = rng.pick(ADJECTIVES);
  return [first, second];
}

/** determiner adjective* noun, e.g. "these small mice". */
export function nounPhrase(
  rng: Rng,
  number: GrammaticalNumber,
  nouns: readonly NounEntry[] = ANIMATE_NOUNS,
): NounPhrase {
  const noun = rng.pick(nouns);
  const head = number === 'sg' ? noun.sg : noun.pl;
  return {
    words: [determiner(rng, number), ...adjectives(rng), head],
    number,
    pronoun: pronounFor(number, noun.gender),
  };
}

function namePhrase(rng: Rng): NounPhrase {
  const name = rng.pick(NAMES);
  return { words: [name.word], number: 'sg', pronoun: pronounFor('sg', name.gender) };
}

/** A subject without modifiers: a name 15% of the time, otherwise a noun phrase. */
function plainSubject(rng: Rng): NounPhrase {
  return chance(rng, ODDS.name) ? namePhrase(rng) : nounPhrase(rng, randomNumber(rng));
}

function objectOf(rng: Rng, object: 'animate' | 'any'): NounPhrase {
  if (chance(rng, ODDS.name)) return namePhrase(rng);
  return nounPhrase(rng, randomNumber(rng), object === 'animate' ? ANIMATE_NOUNS : ALL_NOUNS);
}

/**
 * The predicate of a clause whose subject has this number:
 * (pre-verb adverb)? (intransitive verb (post-verb adverb)? | transitive verb object).
 */
function verbPhrase(rng: Rng, number: GrammaticalNumber): string[] {
  const words = chance(rng, ODDS.preVerbAdverb) ? [rng.pick(PRE_VERB_ADVERBS)] : [];
  if (chance(rng, ODDS.intransitive)) {
    words.push(verbForm(rng.pick(INTRANSITIVE_VERBS), number));
    if (chance(rng, ODDS.postVerbAdverb)) words.push(rng.pick(POST_VERB_ADVERBS));
  } else {
    const verb = rng.pick(TRANSITIVE_VERBS);
    words.push(verbForm(verb, number), ...objectOf(rng, verb.object).words);
  }
  return words;
}

/**
 * "that" + subject + transitive verb: the head noun is the object of the inner verb, so the
 * inner verb agrees with the inner subject and the main verb must skip over it.
 * "the dogs [that the cat sees] run ."
 */
export function objectRelativeClause(rng: Rng, innerNumber: GrammaticalNumber): string[] {
  // A name can only be a singular inner subject, so it is chosen after the number: the
  // attractor stays singular or plural with the probability the caller asked for.
  const inner = chance(rng, ODDS.name) && innerNumber === 'sg' ? namePhrase(rng) : null;
  const subject = inner ?? nounPhrase(rng, innerNumber);
  const verb = rng.pick(TRANSITIVE_VERBS);
  return [RELATIVIZER, ...subject.words, verbForm(verb, innerNumber)];
}

/** "that" + verb + object: the inner verb agrees with the head. "the dogs [that chase the cat] run ." */
function subjectRelativeClause(rng: Rng, headNumber: GrammaticalNumber): string[] {
  const verb = rng.pick(TRANSITIVE_VERBS);
  return [RELATIVIZER, verbForm(verb, headNumber), ...objectOf(rng, verb.object).words];
}

/** "near the trees": the prepositional object may be any noun of either number. */
function prepositionalPhrase(rng: Rng): string[] {
  return [rng.pick(PREPOSITIONS), ...nounPhrase(rng, randomNumber(rng), ALL_NOUNS).words];
}

function modifiedSentence(rng: Rng, modifier: (rng: Rng, head: GrammaticalNumber) => string[]) {
  const head = nounPhrase(rng, randomNumber(rng));
  return [...head.words, ...modifier(rng, head.number), ...verbPhrase(rng, head.number), PERIOD];
}

/** "the dog runs and it sleeps ." — a pronoun after "and" always means the first subject. */
function conjoinedSentence(rng: Rng): string[] {
  const first = plainSubject(rng);
  const second =
    first.pronoun !== null && chance(rng, ODDS.pronounAfterAnd)
      ? { words: [first.pronoun], number: first.number }
      : plainSubject(rng);
  return [
    ...first.words,
    ...verbPhrase(rng, first.number),
    CONJUNCTION,
    ...second.words,
    ...verbPhrase(rng, second.number),
    PERIOD,
  ];
}

function simpleSentence(rng: Rng): string[] {
  const subject = plainSubject(rng);
  return [...subject.words, ...verbPhrase(rng, subject.number), PERIOD];
}

function pronounSentence(rng: Rng): string[] {
  const number = randomNumber(rng);
  const pronoun = number === 'pl' ? PRONOUNS.pl : rng.pick([PRONOUNS.m, PRONOUNS.f, PRONOUNS.n]);
  return [pronoun, ...verbPhrase(rng, number), PERIOD];
}

/**
 * Templates and their weights. Half the mass (object-relative + subject-relative +
 * prepositional) puts a modifier between subject and verb, so agreement across a clause is
 * the most common long-range dependency the model sees.
 */
export const SENTENCE_TEMPLATES = [
  { name: 'simple', weight: 0.2, build: simpleSentence },
  { name: 'pronoun', weight: 0.1, build: pronounSentence },
  {
    name: 'object-relative',
    weight: 0.2,
    build: (rng: Rng) => modifiedSentence(rng, (r) => objectRelativeClause(r, randomNumber(r))),
  },
  {
    name: 'subject-relative',
    weight: 0.15,
    build: (rng: Rng) => modifiedSentence(rng, subjectRelativeClause),
  },
  {
    name: 'prepositional',
    weight: 0.15,
    build: (rng: Rng) => modifiedSentence(rng, prepositionalPhrase),
  },
  { name: 'conjoined', weight: 0.2, build: conjoinedSentence },
] as const;

/** One sentence, ending in ".", drawn from the template mix above. */
export function generateSentence(rng: Rng): string[] {
  let u = rng.next();
  for (const template of SENTENCE_TEMPLATES) {
    if (u < template.weight) return template.build(rng);
    u -= template.weight;
  }
  // Rounding can leave u just above the last weight's share: fall back to the last template.
  return SENTENCE_TEMPLATES[SENTENCE_TEMPLATES.length - 1].build(rng);
}
