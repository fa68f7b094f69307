import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import type { ModelSource } from '../worker/protocol';
import { isComplete, useTraces, type ChannelTrace } from '../store/traces';
import { stepPoint } from './labels';

/** What every explorer panel needs: the trace being shown, the one to compare with, and where we are. */
export function useExplorer() {
  const { skips, step, token, offMode, alpha, source } = useApp(
    useShallow((s) => ({
      skips: s.skips,
      step: s.step,
      token: s.token,
      offMode: s.offMode,
      alpha: s.alpha,
      source: s.source,
    })),
  );
  const on = useTraces((t) => t.on);
  const off = useTraces((t) => t.off);
  const errors = useTraces((t) => t.errors);
  const active: ChannelTrace | null = skips ? on : off;
  const other: ChannelTrace | null = skips ? off : on;
  const L = active?.start.nLayers ?? 0;
  const T = active?.start.T ?? 0;
  const P = 2 * L + 1;
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
    step: Math.min(step, 2 * L + 1),
    point: stepPoint(step, L),
    token: tok,
    errors,
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
