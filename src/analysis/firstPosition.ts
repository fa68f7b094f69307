import { rowNorm, type Vec } from './vectors';
import { median } from './statistics';

/**
 * How many times the median of the other positions' lengths the first position's must reach to
 * be set apart. GPT-2 small's first token grows to ‖x‖ in the thousands in its middle layers
 * while the rest stay near a hundred (its attention rests there); our small models' first word
 * stays within a factor of two of the others, so 5 separates the two with room either side.
 */
export const FIRST_POSITION_RATIO = 5;

export interface FirstPositionOutlier {
  /** The residual point where the first position stands out most. */
  point: number;
  /** ‖x_point[0]‖. */
  norm: number;
  /** The median of ‖x_point[t]‖ over t ≥ 1. */
  others: number;
  /** norm / others. */
  ratio: number;
}

/**
 * Whether the first position's stream dwarfs the others' at some point: the point where
 * ‖x[0]‖ / median_{t≥1} ‖x[t]‖ is largest, if it reaches FIRST_POSITION_RATIO; else null
 * (and null for a single position, which has nothing to be compared with).
 * `streams[k]` is the (T, C) stream at residual point k.
 */
export function firstPositionOutlier(
  streams: readonly Vec[],
  T: number,
  C: number,
): FirstPositionOutlier | null {
  if (T < 2) return null;
  let best: FirstPositionOutlier | null = null;
  streams.forEach((m, point) => {
    const others = median(Array.from({ length: T - 1 }, (_, i) => rowNorm(m, i + 1, C)));
    const norm = rowNorm(m, 0, C);
    const ratio = others > 0 ? norm / others : Infinity;
    if (!best || ratio > best.ratio) best = { point, norm, others, ratio };
  });
  const found = best as FirstPositionOutlier | null;
  return found && found.ratio >= FIRST_POSITION_RATIO ? found : null;
}
