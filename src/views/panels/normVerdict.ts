import { countRises } from '../../analysis/statistics';
import type { FirstPositionOutlier } from '../../analysis/firstPosition';
import { pointLabel } from '../labels';
import { f2, num } from '../format';

/**
 * The norm chart's claim — with skips each sublayer adds to the stream, so it grows as features
 * accumulate — checked on the lengths it plots for one word, ‖x_p‖ from the embedding to the last
 * point: it holds when the stream with skips ends longer than it starts. The model it is compared
 * with is quoted beside it, whichever way that went.
 */
export function normVerdict(
  word: string,
  on: readonly number[],
  other: { name: string; path: readonly number[] } | null,
): { holds: boolean; text: string } {
  const first = on[0];
  const last = on[on.length - 1];
  const holds = last > first;
  const steps = `longer than the point before at ${countRises(on)} of ${on.length - 1} steps`;
  const head = holds
    ? `Here, with skips, the stream of “${word}” grows from ${f2(first)} at the embedding to ${f2(last)} after the last layer, ${steps}.`
    : `Here, with skips, the stream of “${word}” does not grow: ${f2(first)} at the embedding, ${f2(last)} after the last layer, ${steps}.`;
  if (!other || other.path.length === 0) return { holds, text: head };
  const o = other.path;
  const tail = ` ${other.name[0].toUpperCase()}${other.name.slice(1)}, it goes from ${f2(o[0])} to ${f2(o[o.length - 1])}.`;
  return { holds, text: head + tail };
}

/**
 * Why the mean over words leaves the first position out, from its numbers: where it is longest
 * against the rest, and by how much. GPT-2 makes its first token a resting place for attention
 * that does not need to say anything, and it grows far longer than the words after it; drawn
 * into the mean it would flatten every other line of the chart.
 */
export function firstPositionText(o: FirstPositionOutlier, first: string, channel: string): string {
  return (
    `The first position, “${first}”, is ${num(o.ratio)}× as long as the median of the others ` +
    `(${pointLabel(o.point)}, ${channel}: ‖x‖ = ${f2(o.norm)} against ${f2(o.others)}). ` +
    'GPT-2 is known to do this: its heads rest their attention on the first token when nothing ' +
    'else is worth attending to (an “attention sink”), and the stream there grows far beyond ' +
    'the rest. So the mean leaves it out, keeping a scale the other words can be read on; pick ' +
    'it among the words to draw it.'
  );
}
