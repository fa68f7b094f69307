import type { TraceEnd, TraceStart } from '../../worker/protocol';
import type { ChannelTrace } from '../../store/traces';
import { COLORS } from '../chart/palette';
import { useExplorer } from '../useExplorer';

export interface LabChannelView {
  /** Null until the whole trace (every point and the end) has arrived. */
  trace: (ChannelTrace & { end: TraceEnd }) | null;
  start: TraceStart | null;
  name: string;
  color: string;
}

/**
 * The two traces as the lab shows them: always "on" in blue and "off" in vermillion, whichever
 * one the skip switch puts in front (`activeIsOn`), plus where the stepper is.
 */
export function useLabTraces() {
  const e = useExplorer();
  const channel = (isOn: boolean): LabChannelView => {
    const mine = isOn === e.skips;
    return {
      trace: mine ? e.activeComplete : e.otherComplete,
      start: (mine ? e.active : e.other)?.start ?? null,
      name: mine ? e.activeName : e.otherName,
      color: isOn ? COLORS.on : COLORS.off,
    };
  };
  const on = channel(true);
  const off = channel(false);
  const S = 2 * e.L;
  return {
    on,
    off,
    /** Active first, as the skip switch chose. */
    ordered: e.skips ? [on, off] : [off, on],
    activeIsOn: e.skips,
    L: e.L,
    P: e.P,
    S,
    C: e.C,
    point: e.point,
    /** The sublayer the stepper is on (step k + 1 is sublayer k), if any. */
    sublayer: e.step >= 1 && e.step <= S ? e.step - 1 : undefined,
  };
}

export type LabTraces = ReturnType<typeof useLabTraces>;
