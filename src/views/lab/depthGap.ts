import { gapParts, type DepthRatios, type DepthRow } from '../../analysis/depthRows';
import { num } from '../format';
import { initName } from './names';

/** A difference of log10 ratios in words: "3.2 orders of magnitude more". */
export function orders(x: number): string {
  if (!Number.isFinite(x))
    return x > 0 ? 'more than the numbers can hold' : 'less than the numbers can hold';
  if (Math.abs(x) < 0.5) return 'about as much';
  return `${Math.abs(x).toFixed(1)} orders of magnitude ${x > 0 ? 'more' : 'less'}`;
}

/**
 * At one depth before training, the gradient gap split into the init's part (the network without
 * skips from its own init against the compared init) and the skips' part (with skips against
 * without, each from its own init). Null when the sweep did not compare inits there.
 */
export function gapSentence(row: DepthRow, off: readonly DepthRatios[]): string | null {
  const g = gapParts(row, off);
  if (!g) return null;
  return (
    `At ${row.layers} layers, before training, without skips the embedding gets ${num(row.offInit)} of the top’s gradient from ${initName(row.offScheme)} init ` +
    `and ${num(g.comparedInit)} from ${initName(g.scheme)}: the init’s part, ${initName(row.offScheme)} lets ${orders(g.init)} through. ` +
    `With skips (${initName(row.onScheme)} init) it gets ${num(row.onInit)}: the skips’ part, ${orders(g.skips)} than without them, each network from its own init.`
  );
}
