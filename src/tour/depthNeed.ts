import { VANISHED, type DepthRow } from '../analysis/depthRows';
import { num } from '../views/format';

/**
 * Where skips stop being a convenience: the deepest stack of a sweep after its training steps.
 * Without skips its bottom either still hears the loss or has gone quiet (below VANISHED).
 */
export function depthNeedVerdict(deep: DepthRow, steps: number): string {
  const after = `after ${steps} training steps a ${deep.layers}-layer stack without skips passes ${num(deep.offTrained)} of its gradient down to the embedding, against ${num(deep.onTrained)} with them`;
  return deep.offTrained < VANISHED && deep.onTrained >= VANISHED
    ? `Depth is where skips become necessary: ${after}, so its first layers have stopped learning.`
    : `In this sweep even the deepest stack does without them: ${after}.`;
}
