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
    speedVerdict(residual, plain) +
    `Without skips (${how(plain)}) the model loses ${num(plain.finalValidLoss)} nats per word on held-out sentences, ` +
    `against ${num(residual.finalValidLoss)} with skips (${how(residual)}), ${num(refs.unigram)} for word frequencies ` +
    `and ${num(refs.bigram)} for a table of word pairs: ${lossTier(plain.finalValidLoss, refs)}.${agree}`
  );
}

/** The first evaluated step at which a run's validation loss was at or below `loss`, or null. */
export function firstStepAtOrBelow(curve: ModelRecord['validCurve'], loss: number): number | null {
  return curve.find((p) => p.valid <= loss)?.step ?? null;
}

/**
 * How soon each model got to a loss both reach (the worse of the two final losses): skips may
 * buy speed rather than a better end point, and at this depth that is what they did. Empty when
 * a curve is missing.
 */
export function speedVerdict(residual: ModelRecord, plain: ModelRecord): string {
  if (residual.validCurve.length === 0 || plain.validCurve.length === 0) return '';
  const level = Math.max(residual.finalValidLoss, plain.finalValidLoss);
  const withSkips = firstStepAtOrBelow(residual.validCurve, level);
  const without = firstStepAtOrBelow(plain.validCurve, level);
  if (withSkips === null || without === null) return '';
  const ratio = without / withSkips;
  const pace =
    ratio >= 1.5
      ? `the model with skips got there ${num(ratio)}× sooner`
      : ratio <= 1 / 1.5
        ? `the model without skips got there ${num(1 / ratio)}× sooner`
        : 'both got there at about the same pace';
  return (
    `Both reach a held-out loss of ${num(level)}: with skips after ${withSkips.toLocaleString('en-US')} steps, ` +
    `without after ${without.toLocaleString('en-US')}, so ${pace}. `
  );
}
