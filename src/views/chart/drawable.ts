/**
 * What a chart may place on an axis. A trace whose numbers overflowed carries NaN and ±Infinity,
 * which d3's scales turn into NaN coordinates (`<rect y="NaN">`, a console error each); the
 * worker refuses such traces, and every chart skips such values anyway, so one bad number
 * leaves a gap instead of a broken drawing.
 */

/** A finite number (on a log axis, a positive one). */
export const drawable = (v: number | null | undefined, log = false): v is number =>
  typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);

/**
 * The parts of a stacked bar if all can be drawn and so can their running sums (finite parts
 * can still add up to Infinity), else null: a bar is drawn whole or not at all.
 */
export function drawableParts(parts: readonly number[] | null): readonly number[] | null {
  if (!parts) return null;
  let up = 0;
  let down = 0;
  for (const v of parts) {
    if (!drawable(v)) return null;
    if (v >= 0) up += v;
    else down += v;
  }
  return Number.isFinite(up) && Number.isFinite(down) ? parts : null;
}
