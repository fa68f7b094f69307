import { useShallow } from 'zustand/react/shallow';
import { traceRequests } from '../store/bridge';
import { useApp } from '../store/store';
import type { TraceRequest } from '../worker/protocol';
import { isComplete, useTraces, type ChannelTrace } from '../store/traces';
import { stepPoint } from './labels';

/** What every explorer panel needs: the trace being shown, the one to compare with, and where we are. */
export function useExplorer() {
  const { skips, step, token, offSlot, offSkipStrength } = useApp(
    useShallow((s) => {
      const off = traceRequests(s).off;
      return {
        skips: s.skips,
        step: s.step,
        token: s.token,
        offSlot: off.slot,
        offSkipStrength: off.skipStrength,
      };
    }),
  );
  const tr = useTraces();
  const active: ChannelTrace | null = skips ? tr.on : tr.off;
  const other: ChannelTrace | null = skips ? tr.off : tr.on;
  // A legend names the trace it draws; before one arrives, the trace being asked for.
  const onName = 'skips on';
  const offName = offChannelName(tr.off?.start ?? { slot: offSlot, skipStrength: offSkipStrength });
  const L = active?.start.nLayers ?? 0;
  const T = active?.start.T ?? 0;
  const P = 2 * L + 1;
  const tok = T === 0 ? 0 : token < 0 || token >= T ? T - 1 : token;
  return {
    active,
    other,
    activeComplete: isComplete(active) ? active : null,
    otherComplete: isComplete(other) ? other : null,
    activeName: skips ? onName : offName,
    otherName: skips ? offName : onName,
    skips,
    L,
    T,
    P,
    C: active?.start.dModel ?? 0,
    step: Math.min(step, 2 * L + 1),
    point: stepPoint(step, L),
    token: tok,
    errors: tr.errors,
  };
}

/**
 * How legends and summaries name the "off" channel: from the slot and α of its trace (or
 * request), so a name never quotes an α the drawn trace did not use.
 */
export function offChannelName({
  slot,
  skipStrength,
}: Pick<TraceRequest, 'slot' | 'skipStrength'>): string {
  if (slot === 'init-plain') return 'untrained, without skips';
  if (slot === 'plain' || slot === 'lab-plain') return 'trained without skips';
  return `skips removed (α = ${skipStrength})`;
}
