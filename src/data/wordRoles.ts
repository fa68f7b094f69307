/**
 * Word → grammatical role, built once from `vocabulary.ts`. Because every surface form has one
 * role, a parser can read a sentence left to right without backtracking.
 */
import type { Gender, GrammaticalNumber } from './vocabulary';
// The table covers the whole vocabulary, so it reads the module as one.
import * as vocab from './vocabulary';

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
  for (const d of vocab.DETERMINERS.both) add(d, { kind: 'determiner', numbers: ['sg', 'pl'] });
  for (const d of vocab.DETERMINERS.sg) add(d, { kind: 'determiner', numbers: ['sg'] });
  for (const d of vocab.DETERMINERS.pl) add(d, { kind: 'determiner', numbers: ['pl'] });
  for (const a of vocab.ADJECTIVES) add(a, { kind: 'adjective' });
  for (const [nouns, animate] of [
    [vocab.ANIMATE_NOUNS, true],
    [vocab.INANIMATE_NOUNS, false],
  ] as const) {
    for (const n of nouns) {
      add(n.sg, { kind: 'noun', number: 'sg', animate, gender: n.gender });
      add(n.pl, { kind: 'noun', number: 'pl', animate, gender: n.gender });
    }
  }
  for (const n of vocab.NAMES) add(n.word, { kind: 'name', gender: n.gender });
  add(vocab.PRONOUNS.m, { kind: 'pronoun', number: 'sg' });
  add(vocab.PRONOUNS.f, { kind: 'pronoun', number: 'sg' });
  add(vocab.PRONOUNS.n, { kind: 'pronoun', number: 'sg' });
  add(vocab.PRONOUNS.pl, { kind: 'pronoun', number: 'pl' });
  for (const v of vocab.INTRANSITIVE_VERBS) {
    add(v.sg, { kind: 'verb', number: 'sg', otherForm: v.pl, object: null });
    add(v.pl, { kind: 'verb', number: 'pl', otherForm: v.sg, object: null });
  }
  for (const v of vocab.TRANSITIVE_VERBS) {
    add(v.sg, { kind: 'verb', number: 'sg', otherForm: v.pl, object: v.object });
    add(v.pl, { kind: 'verb', number: 'pl', otherForm: v.sg, object: v.object });
  }
  for (const a of vocab.PRE_VERB_ADVERBS) add(a, { kind: 'preVerbAdverb' });
  for (const a of vocab.POST_VERB_ADVERBS) add(a, { kind: 'postVerbAdverb' });
  for (const p of vocab.PREPOSITIONS) add(p, { kind: 'preposition' });
  add(vocab.RELATIVIZER, { kind: 'relativizer' });
  add(vocab.CONJUNCTION, { kind: 'conjunction' });
  add(vocab.PERIOD, { kind: 'period' });
  return roles;
}

const ROLES = buildRoles();

/** The role of a lowercase word, or undefined if the language does not know it. */
export function wordRole(word: string): WordRole | undefined {
  return ROLES.get(word);
}
