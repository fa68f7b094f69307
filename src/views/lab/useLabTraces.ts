import { stageSublayer, sublayerCount } from '../../store/positions';
import type { Channel, TraceEnd, TraceStart } from '../../worker/protocol';
import type { ChannelTrace } from '../../store/traces';
import { COLORS } from '../chart/palette';
import { toValues } from '../format';
import { useExplorer } from '../useExplorer';

/** A measure for one channel, as the line and bar charts take it. */
export interface MeasureSeries {
  id: Channel;
  label: string;
  color: string;
  values: (number | null)[];
}

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
  const S = sublayerCount(e.L);
  /** One measure of the trace end, skips on against off, as chart series of n values. */
  const measureSeries = (pick: (end: TraceEnd) => ArrayLike<number>, n: number): MeasureSeries[] =>
    [on, off].map((ch, i) => ({
      id: i === 0 ? 'on' : 'off',
      label: ch.name,
      color: ch.color,
      values: toValues(ch.trace ? pick(ch.trace.end) : null, n),
    }));
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
    measureSeries,
    /** The sublayer the stepper is on, if any. */
    sublayer: stageSublayer(e.stage, e.L) ?? undefined,
  };
}

export type LabTraces = ReturnType<typeof useLabTraces>;

/** What a lab chart shows in its place (ChartPending) until both traces of the sentence are in. */
export const TRACING_NOTE = 'Tracing the sentence…';
