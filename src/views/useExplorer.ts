import { useShallow } from 'zustand/react/shallow';
import { traceRequests } from '../store/bridge';
import { useApp } from '../store/store';
import type { TraceRequest } from '../worker/protocol';
import { isComplete, useTraces, type ChannelTrace } from '../store/traces';
import { pointCount, selectedPosition, stagePoint } from '../store/positions';

/** What every explorer panel needs: the trace being shown, the one to compare with, and where we are. */
export function useExplorer() {
  const { skips, stage, token, offSlot, offSkipStrength, otherFailed } = useApp(
    useShallow((s) => {
      const reqs = traceRequests(s);
      const off = reqs.off;
      return {
        skips: s.skips,
        stage: s.stage,
        token: s.token,
        offSlot: off.slot,
        offSkipStrength: off.skipStrength,
        otherFailed: s.loadErrors[(s.skips ? reqs.off : reqs.on).slot],
      };
    }),
  );
  const on = useTraces((t) => t.on);
  const off = useTraces((t) => t.off);
  const errors = useTraces((t) => t.errors);
  const active: ChannelTrace | null = skips ? on : off;
  const other: ChannelTrace | null = skips ? off : on;
  // A legend names the trace it draws; before one arrives, the trace being asked for.
  const onName = 'skips on';
  const offName = offChannelName(off?.start ?? { slot: offSlot, skipStrength: offSkipStrength });
  const L = active?.start.nLayers ?? 0;
  const T = active?.start.T ?? 0;
  const P = pointCount(L);
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
    stage,
    /** The residual point the stage shows, in the active trace (which may be shallower). */
    point: stagePoint(stage, L),
    token: selectedPosition(token, T),
    errors,
    /** Why the shown channel has no trace, if the worker refused it. */
    activeError: errors[skips ? 'on' : 'off'] ?? null,
    /** Why the trace to compare with will not come (its model failed to load), if it will not. */
    otherFailed,
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
  // α = 1 is the whole skip: the same model as "with skips", never to be called "off".
  if (skipStrength === 1) return 'full skips (α = 1)';
  // GPT-2 has no twin without skips: its "off" channel is always its own skips weakened now,
  // even to nothing, and is named so (never "removed", as if it were a model of its own).
  if (slot === 'gpt2') return `skips weakened now (α = ${skipStrength})`;
  if (skipStrength === 0) return 'skips removed (α = 0)';
  return `skips weakened (α = ${skipStrength})`;
}
