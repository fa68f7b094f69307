import { format } from 'd3-format';
import { num } from '../views/lab/labMath';

/** Two decimals, as the explorer's panels print them (so the tour quotes the same figures). */
export const f2 = format('.2f');

/** A share as a whole percentage ("under 1%" rather than a misleading "0%"). */
export const pct = (v: number): string =>
  Math.abs(v) < 0.005 ? 'under 1%' : `${Math.round(100 * v)}%`;

/** "1 of 8", "3 of 8". */
export const ofN = (k: number, n: number): string => `${k} of ${n}`;

/** A count of things with the right plural. */
export const count = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A change with its sign: "+0.152", "-0.0031". */
export const signed = (v: number): string => (v >= 0 ? `+${num(v)}` : num(v));
