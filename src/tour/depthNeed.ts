import { VANISHED, type DepthRow } from '../analysis/depthRows';
import { num, thousands } from '../views/format';

/** A stack without skips this many times below the one with them is starved, vanished or not. */
const FAR_BELOW = 100;

/**
 * Where skips stop being a convenience: the deepest stack of a sweep after its training steps.
 * Without skips its bottom has gone quiet when it gets less than VANISHED of the top's gradient,
 * or FAR_BELOW times less than the same stack with skips.
 */
export function depthNeedVerdict(deep: DepthRow, steps: number): string {
  const after = `after ${steps} training steps a ${deep.layers}-layer stack without skips passes ${num(deep.offTrained)} of its gradient down to the embedding (${num(deep.offInit)} before training)`;
  const ratio = deep.onTrained / deep.offTrained;
  // 1,759 rather than 1.76e+3; beyond a million the exponent reads better.
  const times = ratio < 1e6 ? thousands(Math.round(ratio)) : num(ratio);
  const starved = deep.offTrained < VANISHED || deep.offTrained * FAR_BELOW < deep.onTrained;
  return starved
    ? `Depth is where skips become necessary: ${after}, ${times} times less than with them (${num(deep.onTrained)}).`
    : `In this sweep even the deepest stack does without them: ${after}, against ${num(deep.onTrained)} with them.`;
}
