import type { ModelRecord, ReferenceLosses } from '../views/trainingRecord';
import { lossTier } from '../views/lossTier';
import { num, pct } from '../views/format';
import { initName } from '../views/lab/names';

/** One model's training settings: "Xavier's initialisation, learning rate 0.001, 10,000 steps". */
export function howTrained(m: ModelRecord): string {
  return `${initName(m.init)} initialisation${m.lr === null ? '' : `, learning rate ${num(m.lr)}`}, ${m.steps.toLocaleString('en-US')} steps`;
}

/**
 * The shipped pair's training record, said with its numbers: how each was trained, where its
 * loss sits among the references, and its subject–verb agreement (50% is chance).
 */
export function pairVerdict(
  residual: ModelRecord,
  plain: ModelRecord,
  refs: ReferenceLosses,
): string {
  const how = howTrained;
  const agree =
    residual.agreement !== null && plain.agreement !== null
      ? ` On minimal pairs that differ only in a verb’s number, it picks the grammatical one ${pct(plain.agreement)} of the time (50% is chance), against ${pct(residual.agreement)} with skips.`
      : '';
  return (
    speedVerdict(residual, plain) +
    `Without skips (${how(plain)}) the model loses ${num(plain.finalValidLoss)} nats per word on held-out sentences, ` +
    `against ${num(residual.finalValidLoss)} with skips (${how(residual)}), ${num(refs.unigram)} for word frequencies ` +
    `and ${num(refs.bigram)} for a table of word pairs${refs.grammarEntropy === null ? '' : ` (the language’s own entropy, the floor: ${num(refs.grammarEntropy)})`}: ` +
    `${lossTier(plain.finalValidLoss, refs)}.${agree}`
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

/** Final held-out losses closer than this (nats per word) count as the same end point. */
export const SAME_END = 0.02;

/**
 * Whether skips bought a better end point or only speed: the two final held-out losses against
 * each other and against the language's own entropy, the floor no model can beat.
 */
export function endPointVerdict(
  residual: ModelRecord,
  plain: ModelRecord,
  refs: ReferenceLosses,
): string {
  const a = residual.finalValidLoss;
  const b = plain.finalValidLoss;
  const floor =
    refs.grammarEntropy === null ? '' : `, the language’s own entropy ${num(refs.grammarEntropy)}`;
  const losses = `${num(a)} nats per word with skips, ${num(b)} without${floor}`;
  if (Math.abs(a - b) <= SAME_END)
    return `Trained long enough, each with its own settings, both end within ${SAME_END} nats of each other (${losses}): at this depth skips bought speed, not a better end point.`;
  return a < b
    ? `Even trained long, each with its own settings, the model without skips ends behind (${losses}): here skips bought a better end point as well as speed.`
    : `Trained long, each with its own settings, the model without skips ends ahead (${losses}).`;
}
