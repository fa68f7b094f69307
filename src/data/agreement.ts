/**
 * An independent checker for the toy grammar: it parses a sentence from its words alone and
 * reports every agreement it finds broken. Tests run it over generated corpora so the generator
 * is judged by a second reading of the rules rather than by its own bookkeeping, and later views
 * can use the clause structure (head, attractor, verb) to highlight what attention should find.
 *
 *   sentence := clause ("and" clause)* "."
 *   clause   := subject predicate
 *   subject  := pronoun | name | np modifier?
 *   modifier := "that" object-np transitive-verb      object relative: inner verb ~ inner subject
 *             | "that" transitive-verb object-np      subject relative: inner verb ~ head
 *             | preposition np
 *   predicate:= pre-adverb? (intransitive post-adverb? | transitive object-np)
 *   np       := determiner adjective* noun;   object-np := np | name
 */
import { pronounFor, type GrammaticalNumber } from './vocabulary';
import { wordRole, type WordRole } from './wordRoles';

export type Modifier = 'none' | 'object-relative' | 'subject-relative' | 'prepositional';

export interface ClauseAnalysis {
  /** Index of the word the main verb must agree with: a noun, name or pronoun. */
  head: number;
  headNumber: GrammaticalNumber;
  modifier: Modifier;
  /** Index of the noun inside the modifier, which can mislead a model about the number; -1 if none. */
  attractor: number;
  /** Index of the clause's main verb. */
  verb: number;
  verbNumber: GrammaticalNumber;
}

export interface SentenceAnalysis {
  /** The sentence parses and every agreement holds. */
  ok: boolean;
  errors: string[];
  /** Clauses parsed before any parse error. */
  clauses: ClauseAnalysis[];
}

type Role<K extends WordRole['kind']> = Extract<WordRole, { kind: K }>;

interface Phrase {
  head: number;
  number: GrammaticalNumber;
  animate: boolean;
  /** The pronoun that may refer back to this phrase. */
  pronoun: string | null;
}

class ParseError extends Error {}

class Parser {
  private i = 0;
  readonly errors: string[] = [];
  readonly clauses: ClauseAnalysis[] = [];

  constructor(private readonly words: readonly string[]) {}

  sentence(): void {
    let antecedent: Phrase | null = null;
    for (;;) {
      const subject = this.clause(antecedent);
      antecedent ??= subject;
      if (this.peek()?.kind !== 'conjunction') break;
      this.i++;
    }
    this.take('period');
    if (this.i !== this.words.length) this.fail('the end of the sentence after "."');
  }

  /** Parses one clause, checks its agreements, and returns its subject. */
  private clause(antecedent: Phrase | null): Phrase {
    const start = this.i;
    const first = this.peek();
    let subject: Phrase;
    let modifier: Modifier = 'none';
    let attractor = -1;
    if (first?.kind === 'pronoun') {
      this.i++;
      subject = { head: start, number: first.number, animate: true, pronoun: this.words[start] };
      const expected = antecedent?.pronoun;
      if (antecedent && expected !== this.words[start]) {
        this.errors.push(
          `pronoun "${this.words[start]}" does not refer to "${this.words[antecedent.head]}"` +
            ` (expected ${expected === null ? 'no pronoun' : `"${expected}"`})`,
        );
      }
    } else {
      subject = first?.kind === 'name' ? this.name() : this.nounPhrase();
      if (!subject.animate) this.errors.push(`"${this.words[subject.head]}" cannot be a subject`);
      if (this.peek()?.kind === 'relativizer') {
        this.i++;
        const inner = this.peek();
        if (inner?.kind === 'verb') {
          modifier = 'subject-relative';
          this.transitiveVerb(subject);
          attractor = this.objectPhrase().head;
        } else {
          modifier = 'object-relative';
          const innerSubject = this.objectPhrase();
          attractor = innerSubject.head;
          this.transitiveVerb(innerSubject);
        }
      } else if (this.peek()?.kind === 'preposition') {
        this.i++;
        modifier = 'prepositional';
        attractor = this.nounPhrase().head;
      }
    }
    if (this.peek()?.kind === 'preVerbAdverb') this.i++;
    const verbIndex = this.i;
    const verb = this.take('verb');
    this.checkAgreement(subject, verbIndex, verb.number);
    if (verb.object !== null) this.object(verbIndex, verb.object);
    else if (this.peek()?.kind === 'postVerbAdverb') this.i++;
    this.clauses.push({
      head: subject.head,
      headNumber: subject.number,
      modifier,
      attractor,
      verb: verbIndex,
      verbNumber: verb.number,
    });
    return subject;
  }

  private transitiveVerb(subject: Phrase): void {
    const index = this.i;
    const verb = this.take('verb');
    if (verb.object === null) this.fail('a transitive verb in the relative clause', index);
    this.checkAgreement(subject, index, verb.number);
  }

  private object(verbIndex: number, kind: 'animate' | 'any'): void {
    const object = this.objectPhrase();
    if (kind === 'animate' && !object.animate) {
      const verb = this.words[verbIndex];
      this.errors.push(`"${verb}" cannot take "${this.words[object.head]}" as object`);
    }
  }

  private objectPhrase(): Phrase {
    return this.peek()?.kind === 'name' ? this.name() : this.nounPhrase();
  }

  private name(): Phrase {
    const head = this.i;
    const name = this.take('name');
    return { head, number: 'sg', animate: true, pronoun: pronounFor('sg', name.gender) };
  }

  private nounPhrase(): Phrase {
    const detIndex = this.i;
    const det = this.take('determiner');
    while (this.peek()?.kind === 'adjective') this.i++;
    const head = this.i;
    const noun = this.take('noun');
    if (!det.numbers.includes(noun.number)) {
      this.errors.push(`determiner "${this.words[detIndex]}" does not fit "${this.words[head]}"`);
    }
    return {
      head,
      number: noun.number,
      animate: noun.animate,
      pronoun: pronounFor(noun.number, noun.gender),
    };
  }

  private checkAgreement(subject: Phrase, verbIndex: number, verbNumber: GrammaticalNumber) {
    if (subject.number !== verbNumber) {
      this.errors.push(
        `verb "${this.words[verbIndex]}" (${verbNumber}) does not agree with` +
          ` "${this.words[subject.head]}" (${subject.number})`,
      );
    }
  }

  private peek(): WordRole | undefined {
    return this.i < this.words.length ? wordRole(this.words[this.i]) : undefined;
  }

  private take<K extends WordRole['kind']>(kind: K): Role<K> {
    const role = this.peek();
    if (role?.kind !== kind) this.fail(`a ${kind}`);
    this.i++;
    return role as Role<K>;
  }

  private fail(expected: string, at = this.i): never {
    const found = at < this.words.length ? `"${this.words[at]}"` : 'the end';
    throw new ParseError(`expected ${expected} at word ${at}, found ${found}`);
  }
}

/** Parses a sentence (an array of lowercase words ending in ".") and checks every agreement. */
export function analyzeSentence(words: readonly string[]): SentenceAnalysis {
  const parser = new Parser(words);
  try {
    parser.sentence();
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    parser.errors.push(e.message);
  }
  return { ok: parser.errors.length === 0, errors: parser.errors, clauses: parser.clauses };
}
