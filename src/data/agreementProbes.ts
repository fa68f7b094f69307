/**
 * Minimal pairs for agreement across a relative clause: a prefix that stops right before the
 * main verb, the verb form that agrees with the head noun, and the form that agrees with the
 * attractor instead.
 *
 *   prefix "the dogs that the cat sees"  correct "run"  wrong "runs"
 *
 * The attractor always has the other number from the head, and the inner verb agrees with the
 * attractor, so copying the number of the nearest noun or the nearest verb picks the wrong form.
 * A model gets a probe right when it gives the correct form the higher probability.
 */
import { Rng } from '../engine/rng';
import { nounPhrase, objectRelativeClause, randomNumber, verbForm } from './grammar';
import { INTRANSITIVE_VERBS, type GrammaticalNumber } from './vocabulary';

export interface AgreementProbe {
  prefix: string[];
  correct: string;
  wrong: string;
  headNumber: GrammaticalNumber;
}

const other = (n: GrammaticalNumber): GrammaticalNumber => (n === 'sg' ? 'pl' : 'sg');

/** `count` probes drawn from the same noun phrases and clauses as the training sentences. */
export function agreementProbes(seed: number, count: number): AgreementProbe[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const headNumber = randomNumber(rng);
    const head = nounPhrase(rng, headNumber);
    const clause = objectRelativeClause(rng, other(headNumber));
    const verb = rng.pick(INTRANSITIVE_VERBS);
    return {
      prefix: [...head.words, ...clause],
      correct: verbForm(verb, headNumber),
      wrong: verbForm(verb, other(headNumber)),
      headNumber,
    };
  });
}
