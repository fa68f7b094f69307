import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import type { ModelSource } from '../worker/protocol';
import { isComplete, useTraces, type ChannelTrace } from '../store/traces';
import { pointCount, stagePoint } from '../engine/positions';

/** What every explorer panel needs: the trace being shown, the one to compare with, and where we are. */
export function useExplorer() {
  const { skips, stage, token, offMode, alpha, source } = useApp(
    useShallow((s) => ({
      skips: s.skips,
      stage: s.stage,
      token: s.token,
      offMode: s.offMode,
      alpha: s.alpha,
      source: s.source,
    })),
  );
  const tr = useTraces();
  const active: ChannelTrace | null = skips ? tr.on : tr.off;
  const other: ChannelTrace | null = skips ? tr.off : tr.on;
  const L = active?.start.nLayers ?? 0;
  const T = active?.start.T ?? 0;
  const P = pointCount(L);
  const tok = T === 0 ? 0 : token < 0 || token >= T ? T - 1 : token;
  return {
    active,
    other,
    activeComplete: isComplete(active) ? active : null,
    otherComplete: isComplete(other) ? other : null,
    activeName: skips ? 'skips on' : offName(offMode, alpha, source),
    otherName: skips ? offName(offMode, alpha, source) : 'skips on',
    skips,
    L,
    T,
    P,
    C: active?.start.dModel ?? 0,
    stage,
    /** The residual point the stage shows, in the active trace (which may be shallower). */
    point: stagePoint(stage, L),
    token: tok,
    errors: tr.errors,
  };
}

export function offName(
  offMode: 'trained' | 'removed',
  alpha: number,
  source: ModelSource = 'trained',
): string {
  if (offMode === 'removed') return `skips removed (α = ${alpha})`;
  return source === 'init' ? 'untrained, without skips' : 'trained without skips';
}
