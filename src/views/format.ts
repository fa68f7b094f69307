import { format } from 'd3-format';

/**
 * How the views show numbers and read them back: figures in prose, captions and axes, values
 * handed to charts, and numbers typed into forms. One module, so the tour quotes a figure
 * exactly as the panel beside it prints it.
 */

/** What every formatter here prints for a number that is not one (NaN, ±Infinity). */
const MISSING = '—';

/**
 * A d3 format that prints MISSING for a non-finite value, where d3 would print "NaN" or
 * "Infinity" into a caption or a table.
 */
const finite =
  (f: (v: number) => string) =>
  (v: number): string =>
    Number.isFinite(v) ? f(v) : MISSING;

/** Three significant digits, trailing zeros dropped: a chart's default value label. */
export const sig3 = finite(format('.3~g'));

/** Four significant digits, for the data tables under the charts. */
export const sig4 = finite(format('.4~g'));

/** A whole number: "12". */
export const whole = finite(format('d'));

/** A count with thousands separators: "1,234,567". */
export const thousands = finite(format(','));

/** A log axis's tick in e-notation: "1e-6". */
export const expTick = finite(format('.0e'));

/** A step count on a training axis, SI-prefixed: "2k". */
export const siTick = finite(format('~s'));

const sci = format('.1e');

/** A number for prose: 3 significant digits, or 1.2e-19 style when very small or large. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  const a = Math.abs(v);
  // ASCII minus signs, so the numbers can be copied and parsed.
  return (a !== 0 && (a < 1e-3 || a >= 1e5) ? sci(v) : sig3(v)).replace(/−/g, '-');
}

/** Two decimals, as the explorer's panels print them (so the tour quotes the same figures). */
export const f2 = finite(format('.2f'));

/** A change with its sign: "+0.152", "-0.0031". */
export const signed = (v: number): string => (v >= 0 && Number.isFinite(v) ? `+${num(v)}` : num(v));

/** A share as a whole percentage ("under 1%" rather than a misleading "0%"). */
export const pct = finite((v) => (Math.abs(v) < 0.005 ? 'under 1%' : `${Math.round(100 * v)}%`));

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

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A log-axis tick: 0.01, 0.1, 1, 10, 100 as they are, other powers of ten as 10⁻⁶. */
export function powerTick(v: number): string {
  const e = Math.round(Math.log10(v));
  if (!Number.isFinite(e)) return '';
  if (e >= -2 && e <= 2) return String(Number(v.toPrecision(1)));
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** A typed array as chart values (non-finite entries become gaps). */
export const toValues = (a: ArrayLike<number> | null | undefined, n: number): (number | null)[] =>
  Array.from({ length: n }, (_, k) => (a && k < a.length && Number.isFinite(a[k]) ? a[k] : null));

/** Clamps a number typed into a form to a whole number in [min, max]; NaN gives the fallback. */
export function clampInt(raw: string | number, min: number, max: number, fallback: number): number {
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}
