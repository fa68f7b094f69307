import { format } from 'd3-format';

/**
 * The small arithmetic the lab's captions and summaries need, on the protocol's flat arrays.
 * Pure, so it is tested apart from any drawing.
 */

const fixed = format('.3~g');
const sci = format('.1e');

/** A number for prose: 3 significant digits, or 1.2e-19 style when very small or large. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  // ASCII minus signs, so the numbers can be copied and parsed.
  return (a !== 0 && (a < 1e-3 || a >= 1e5) ? sci(v) : fixed(v)).replace(/−/g, '-');
}

/** Off-diagonal entries of an n×n row-major matrix. */
function offDiagonal(m: ArrayLike<number>, n: number): { i: number; j: number; v: number }[] {
  const out: { i: number; j: number; v: number }[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = m[i * n + j];
      if (Number.isFinite(v)) out.push({ i, j, v });
    }
  return out;
}

/** Mean of the entries above the diagonal (the matrices here are symmetric); NaN if none. */
export function meanOffDiagonal(m: ArrayLike<number>, n: number): number {
  const cells = offDiagonal(m, n);
  return cells.length ? cells.reduce((s, c) => s + c.v, 0) / cells.length : NaN;
}

/** The off-diagonal pair with the largest value, or null for n < 2. */
export function largestPair(
  m: ArrayLike<number>,
  n: number,
): { i: number; j: number; v: number } | null {
  let best: { i: number; j: number; v: number } | null = null;
  for (const c of offDiagonal(m, n)) if (!best || c.v > best.v) best = c;
  return best;
}

/** a[0] / a[last]: how much of the last point's gradient reaches the first. NaN if empty. */
export function firstOverLast(a: ArrayLike<number>): number {
  return a.length ? a[0] / a[a.length - 1] : NaN;
}

export function mean(a: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i])) {
      s += a[i];
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** Index and value of the largest (or smallest) finite entry, or null. */
export function extremum(
  a: ArrayLike<number>,
  which: 'max' | 'min',
): { k: number; v: number } | null {
  let best: { k: number; v: number } | null = null;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (!Number.isFinite(v)) continue;
    if (!best || (which === 'max' ? v > best.v : v < best.v)) best = { k, v };
  }
  return best;
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
