import { useShallow } from 'zustand/react/shallow';
import type { Channel } from '../../worker/protocol';
import { useApp } from '../../store/store';
import { COLORS } from '../chart/palette';

/** What the training panels share: the two runs, their names and colours. */
export const NAME: Record<Channel, string> = { on: 'with skips', off: 'without skips' };
export const COLOR: Record<Channel, string> = { on: COLORS.on, off: COLORS.off };

/** Both runs' state, re-rendering only when one of them changes. */
export function useRuns() {
  return useApp(useShallow((s) => ({ on: s.training.on, off: s.training.off })));
}
