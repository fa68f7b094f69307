import type { ProbeResult } from '../../store/labSlice';
import { pct } from '../format';

export type ProbeTaskName = keyof ProbeResult;

/** What each probe asks of the stream, as the captions say it. */
export const PROBE_QUESTIONS: Record<ProbeTaskName, string> = {
  word: 'which word is here',
  position: 'which position this is',
  agreement: 'the head noun’s number',
};

/** Accuracies closer than this (5 points) are "about the same" and "no better than guessing". */
const MARGIN = 0.05;

interface Curve {
  accuracy: ArrayLike<number>;
  majority: number;
}

const last = (c: Curve): number => c.accuracy[c.accuracy.length - 1];
const best = (c: Curve): number => Math.max(...Array.from(c.accuracy));

/**
 * The claim the probes test — the skip path keeps what the stream holds where a plain stack loses
 * it — checked on one task after the last layer: it holds when the probe on the model with skips
 * beats the one without by more than MARGIN. A model whose probe never beats guessing the most
 * common answer is said to hold nothing of it. The untrained twins say what needs no learning.
 */
export function probeVerdict(
  task: ProbeTaskName,
  on: Curve,
  off: Curve,
  untrained?: { on: Curve; off: Curve },
): { holds: boolean; text: string } {
  const a = last(on);
  const b = last(off);
  const holds = a - b > MARGIN;
  const head = `After the last layer the probe for ${PROBE_QUESTIONS[task]} scores ${pct(a)} with skips and ${pct(b)} without (guessing the most common answer: ${pct(on.majority)}).`;
  const verdict = holds
    ? ' The stream with skips keeps more of it.'
    : b - a > MARGIN
      ? ' Here the model without skips keeps more of it: the claim does not hold for this measure.'
      : ' Both keep about as much: here skips make no difference to it.';
  const chance = (c: Curve, name: string) =>
    best(c) - c.majority <= MARGIN
      ? ` ${name}, the probe does no better than guessing at any point.`
      : '';
  const twins = untrained ? twinsSaying(a, last(untrained.on), last(untrained.off)) : '';
  return {
    holds,
    text: head + verdict + chance(on, 'With skips') + chance(off, 'Without skips') + twins,
  };
}

/** The untrained twins against the trained model with skips, which scores `trained`. */
function twinsSaying(trained: number, on: number, off: number): string {
  const head = ` Untrained twins: ${pct(on)} with skips, ${pct(off)} without`;
  if (on - trained > MARGIN)
    return `${head}; untrained, the skip path keeps more than after training: training spends the stream on other things.`;
  if (on >= trained - MARGIN)
    return `${head}; the untrained model with skips scores as high as the trained one, so this much needs no learning.`;
  return `${head}.`;
}
