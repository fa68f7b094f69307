import { countRises } from '../../analysis/statistics';
import { f2 } from '../format';

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
