/**
 * Word → grammatical role, built once from `vocabulary.ts`. Because every surface form has one
 * role, a parser can read a sentence left to right without backtracking.
 */
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
  type Gender,
  type GrammaticalNumber,
} from './vocabulary';

export type WordRole =
  | { kind: 'determiner'; numbers: readonly GrammaticalNumber[] }
  | { kind: 'adjective' }
  | { kind: 'noun'; number: GrammaticalNumber; animate: boolean; gender: Gender }
  | { kind: 'name'; gender: 'm' | 'f' }
  | { kind: 'pronoun'; number: GrammaticalNumber }
  | {
      kind: 'verb';
      number: GrammaticalNumber;
      /** The verb's other form, so a probe can name the wrong choice: "runs" ↔ "run". */
      otherForm: string;
      /** What a transitive verb can take as object; null for intransitive verbs. */
      object: 'animate' | 'any' | null;
    }
  | { kind: 'preVerbAdverb' }
  | { kind: 'postVerbAdverb' }
  | { kind: 'preposition' }
  | { kind: 'relativizer' }
  | { kind: 'conjunction' }
  | { kind: 'period' };

function buildRoles(): Map<string, WordRole> {
  const roles = new Map<string, WordRole>();
  const add = (word: string, role: WordRole) => {
    // A second role for one word would make parsing ambiguous: fail loudly at load time.
    if (roles.has(word)) throw new Error(`Word "${word}" has two roles in the vocabulary`);
    roles.set(word, role);
  };
  for (const d of DETERMINERS.both) add(d, { kind: 'determiner', numbers: ['sg', 'pl'] });
  for (const d of DETERMINERS.sg) add(d, { kind: 'determiner', numbers: ['sg'] });
  for (const d of DETERMINERS.pl) add(d, { kind: 'determiner', numbers: ['pl'] });
  for (const a of ADJECTIVES) add(a, { kind: 'adjective' });
  for (const [nouns, animate] of [
    [ANIMATE_NOUNS, true],
    [INANIMATE_NOUNS, false],
  ] as const) {
    for (const n of nouns) {
      add(n.sg, { kind: 'noun', number: 'sg', animate, gender: n.gender });
      add(n.pl, { kind: 'noun', number: 'pl', animate, gender: n.gender });
    }
  }
  for (const n of NAMES) add(n.word, { kind: 'name', gender: n.gender });
  add(PRONOUNS.m, { kind: 'pronoun', number: 'sg' });
  add(PRONOUNS.f, { kind: 'pronoun', number: 'sg' });
  add(PRONOUNS.n, { kind: 'pronoun', number: 'sg' });
  add(PRONOUNS.pl, { kind: 'pronoun', number: 'pl' });
  for (const v of INTRANSITIVE_VERBS) {
    add(v.sg, { kind: 'verb', number: 'sg', otherForm: v.pl, object: null });
    add(v.pl, { kind: 'verb', number: 'pl', otherForm: v.sg, object: null });
  }
  for (const v of TRANSITIVE_VERBS) {
    add(v.sg, { kind: 'verb', number: 'sg', otherForm: v.pl, object: v.object });
    add(v.pl, { kind: 'verb', number: 'pl', otherForm: v.sg, object: v.object });
  }
  for (const a of PRE_VERB_ADVERBS) add(a, { kind: 'preVerbAdverb' });
  for (const a of POST_VERB_ADVERBS) add(a, { kind: 'postVerbAdverb' });
  for (const p of PREPOSITIONS) add(p, { kind: 'preposition' });
  add(RELATIVIZER, { kind: 'relativizer' });
  add(CONJUNCTION, { kind: 'conjunction' });
  add(PERIOD, { kind: 'period' });
  return roles;
}

const ROLES = buildRoles();

/** The role of a lowercase word, or undefined if the language does not know it. */
export function wordRole(word: string): WordRole | undefined {
  return ROLES.get(word);
}
