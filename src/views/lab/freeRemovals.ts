import { num } from '../format';
import { learnedOnlyFrequencies, lossTier } from '../lossTier';
import type { ReferenceLosses } from '../trainingRecord';

/**
 * Why removing some sublayers from the trained model without skips costs nothing, said from its
 * held-out loss: a model no better than word frequencies has no use for its input, so nothing is
 * lost; one that beats them does use its input, and those sublayers are ones it does without.
 * Without the references (the manifest not read yet) it quotes the loss and no reason.
 */
export function freeRemovalReason(
  loss: number,
  refs: ReferenceLosses | null,
): { onlyFrequencies: boolean | null; text: string } {
  if (!refs)
    return {
      onlyFrequencies: null,
      text: `Its held-out loss with nothing removed is ${num(loss)}.`,
    };
  const only = learnedOnlyFrequencies(loss, refs);
  const where = `Its held-out loss is ${num(loss)} nats, against ${num(refs.unigram)} for word frequencies alone: ${lossTier(loss, refs)}.`;
  return {
    onlyFrequencies: only,
    text: only
      ? `${where} A model that makes no use of its input has nothing in those sublayers to lose; section 4 shows whether its words have collapsed to one vector.`
      : `${where} So this is not a model that ignores its input: those sublayers write little that it relies on.`,
  };
}
