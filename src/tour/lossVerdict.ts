import type { ModelRecord, ReferenceLosses } from '../views/trainingRecord';
import { lossTier } from '../views/lossTier';
import { num, pct } from '../views/format';
import { initName } from '../views/lab/names';

/**
 * The shipped pair's training record, said with its numbers: how each was trained, where its
 * loss sits among the references, and its subject–verb agreement (50% is chance).
 */
export function pairVerdict(
  residual: ModelRecord,
  plain: ModelRecord,
  refs: ReferenceLosses,
): string {
  const how = (m: ModelRecord) =>
    `${initName(m.init)} initialisation${m.lr === null ? '' : `, learning rate ${num(m.lr)}`}, ${m.steps} steps`;
  const agree =
    residual.agreement !== null && plain.agreement !== null
      ? ` On minimal pairs that differ only in a verb’s number, it picks the grammatical one ${pct(plain.agreement)} of the time (50% is chance), against ${pct(residual.agreement)} with skips.`
      : '';
  return (
    `Without skips (${how(plain)}) the model loses ${num(plain.finalValidLoss)} nats per word on held-out sentences, ` +
    `against ${num(residual.finalValidLoss)} with skips (${how(residual)}), ${num(refs.unigram)} for word frequencies ` +
    `and ${num(refs.bigram)} for a table of word pairs: ${lossTier(plain.finalValidLoss, refs)}.${agree}`
  );
}
