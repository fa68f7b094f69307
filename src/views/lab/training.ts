import { useShallow } from 'zustand/react/shallow';
import type { LabChannel } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { COLORS } from '../chart/palette';

/** What the training panels share: the two runs, their names and colours. */
export const CHANNELS: readonly LabChannel[] = ['on', 'off'];
export const NAME: Record<LabChannel, string> = { on: 'with skips', off: 'without skips' };
export const COLOR: Record<LabChannel, string> = { on: COLORS.on, off: COLORS.off };

/** Both runs' state, re-rendering only when one of them changes. */
export function useRuns() {
  return useApp(useShallow((s) => ({ on: s.training.on, off: s.training.off })));
}
