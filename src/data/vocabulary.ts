/**
 * Every word the toy language knows, listed once, grouped by the role it plays.
 *
 * Each surface form belongs to exactly one role (no "duck" the verb beside "duck" the noun), so a
 * sentence can be parsed from its words alone: that is what lets `agreement.ts` check generated
 * sentences without trusting the generator. Nouns and adjectives all start with a consonant so
 * "a" never needs to become "an".
 */

export type GrammaticalNumber = 'sg' | 'pl';

/** Which pronoun may refer back to a singular noun; null means none does (we avoid singular "they"). */
export type Gender = 'm' | 'f' | 'n' | null;

export interface NounEntry {
  readonly sg: string;
  readonly pl: string;
  readonly gender: Gender;
}

/** `sg` is the third-person singular present ("runs"), `pl` the plural form ("run"). */
export interface VerbEntry {
  readonly sg: string;
  readonly pl: string;
}

/** A transitive verb also says what it can take as object, so "the dog feeds the bridge" never appears. */
export interface TransitiveVerbEntry extends VerbEntry {
  readonly object: 'animate' | 'any';
}

export interface NameEntry {
  readonly word: string;
  readonly gender: 'm' | 'f';
}

const noun = (sg: string, pl: string, gender: Gender = 'n'): NounEntry => ({ sg, pl, gender });

/** Things that can be subjects: they run, sleep and see. Includes the irregular plurals. */
export const ANIMATE_NOUNS: readonly NounEntry[] = [
  noun('dog', 'dogs'),
  noun('cat', 'cats'),
  noun('bird', 'birds'),
  noun('horse', 'horses'),
  noun('fox', 'foxes'),
  noun('wolf', 'wolves'),
  noun('mouse', 'mice'),
  noun('rabbit', 'rabbits'),
  noun('duck', 'ducks'),
  noun('frog', 'frogs'),
  noun('lion', 'lions'),
  noun('bear', 'bears'),
  noun('cow', 'cows'),
  noun('boy', 'boys', 'm'),
  noun('girl', 'girls', 'f'),
  noun('man', 'men', 'm'),
  noun('woman', 'women', 'f'),
  noun('king', 'kings', 'm'),
  noun('queen', 'queens', 'f'),
  noun('child', 'children', null),
  noun('person', 'people', null),
  noun('teacher', 'teachers', null),
  noun('doctor', 'doctors', null),
  noun('farmer', 'farmers', null),
  noun('baby', 'babies', null),
];

/** Things and places: objects of some verbs and of prepositions, never subjects. */
export const INANIMATE_NOUNS: readonly NounEntry[] = [
  noun('tree', 'trees'),
  noun('house', 'houses'),
  noun('river', 'rivers'),
  noun('box', 'boxes'),
  noun('ball', 'balls'),
  noun('book', 'books'),
  noun('table', 'tables'),
  noun('bridge', 'bridges'),
  noun('garden', 'gardens'),
  noun('car', 'cars'),
  noun('door', 'doors'),
  noun('hill', 'hills'),
];

/** Names are always singular and need no determiner. */
export const NAMES: readonly NameEntry[] = [
  { word: 'john', gender: 'm' },
  { word: 'mary', gender: 'f' },
  { word: 'sam', gender: 'm' },
  { word: 'lucy', gender: 'f' },
  { word: 'tom', gender: 'm' },
  { word: 'emma', gender: 'f' },
  { word: 'max', gender: 'm' },
  { word: 'nina', gender: 'f' },
];

export const ADJECTIVES: readonly string[] = [
  'big',
  'small',
  'little',
  'happy',
  'sad',
  'tall',
  'brown',
  'black',
  'white',
  'red',
  'quiet',
  'lazy',
  'young',
  'hungry',
  'sleepy',
  'clever',
  'funny',
  'gentle',
  'noisy',
  'tiny',
];

const verb = (sg: string, pl: string): VerbEntry => ({ sg, pl });
const tverb = (sg: string, pl: string, object: 'animate' | 'any'): TransitiveVerbEntry => ({
  sg,
  pl,
  object,
});

export const INTRANSITIVE_VERBS: readonly VerbEntry[] = [
  verb('runs', 'run'),
  verb('sleeps', 'sleep'),
  verb('sings', 'sing'),
  verb('laughs', 'laugh'),
  verb('jumps', 'jump'),
  verb('swims', 'swim'),
  verb('waits', 'wait'),
  verb('dances', 'dance'),
  verb('smiles', 'smile'),
  verb('cries', 'cry'),
  verb('walks', 'walk'),
  verb('plays', 'play'),
  verb('hides', 'hide'),
  verb('falls', 'fall'),
  verb('sits', 'sit'),
];

export const TRANSITIVE_VERBS: readonly TransitiveVerbEntry[] = [
  tverb('sees', 'see', 'any'),
  tverb('chases', 'chase', 'animate'),
  tverb('likes', 'like', 'any'),
  tverb('follows', 'follow', 'animate'),
  tverb('helps', 'help', 'animate'),
  tverb('finds', 'find', 'any'),
  tverb('watches', 'watch', 'any'),
  tverb('feeds', 'feed', 'animate'),
  tverb('knows', 'know', 'animate'),
  tverb('loves', 'love', 'any'),
  tverb('meets', 'meet', 'animate'),
  tverb('calls', 'call', 'animate'),
  tverb('wants', 'want', 'any'),
  tverb('carries', 'carry', 'any'),
  tverb('pushes', 'push', 'any'),
];

/** Adverbs of frequency go before the verb: "the dog often runs". */
export const PRE_VERB_ADVERBS: readonly string[] = [
  'often',
  'never',
  'always',
  'sometimes',
  'usually',
  'rarely',
];

/** Adverbs of manner, time and place go after an intransitive verb: "the dog runs quickly". */
export const POST_VERB_ADVERBS: readonly string[] = [
  'quickly',
  'slowly',
  'quietly',
  'loudly',
  'happily',
  'again',
  'today',
  'outside',
];

export const PREPOSITIONS: readonly string[] = [
  'near',
  'behind',
  'with',
  'under',
  'beside',
  'above',
];

/** "the" goes with both numbers; the others pin the number of the noun that follows. */
export const DETERMINERS = {
  both: ['the'],
  sg: ['a', 'every', 'this'],
  pl: ['some', 'many', 'these'],
} as const satisfies Record<'both' | GrammaticalNumber, readonly string[]>;

export const PRONOUNS = {
  m: 'he',
  f: 'she',
  n: 'it',
  pl: 'they',
} as const;

export const RELATIVIZER = 'that';
export const CONJUNCTION = 'and';
export const PERIOD = '.';

/** The pronoun that refers back to a subject, or null if none may (see `Gender`). */
export function pronounFor(number: GrammaticalNumber, gender: Gender): string | null {
  if (number === 'pl') return PRONOUNS.pl;
  return gender === null ? null : PRONOUNS[gender];
}

/** Every word in a fixed order: grouped by role, so an embedding plot's neighbours read well. */
export const LEXICON_WORDS: readonly string[] = [
  PERIOD,
  ...DETERMINERS.both,
  ...DETERMINERS.sg,
  ...DETERMINERS.pl,
  ...ADJECTIVES,
  ...ANIMATE_NOUNS.flatMap((n) => [n.sg, n.pl]),
  ...INANIMATE_NOUNS.flatMap((n) => [n.sg, n.pl]),
  ...NAMES.map((n) => n.word),
  ...Object.values(PRONOUNS),
  ...INTRANSITIVE_VERBS.flatMap((v) => [v.sg, v.pl]),
  ...TRANSITIVE_VERBS.flatMap((v) => [v.sg, v.pl]),
  ...PRE_VERB_ADVERBS,
  ...POST_VERB_ADVERBS,
  ...PREPOSITIONS,
  RELATIVIZER,
  CONJUNCTION,
];
