import type { ExplorerState } from '../store/explorerSlice';
import { lastStage, sublayerCount, sublayerStage } from '../store/positions';
import { useApp } from '../store/store';

/**
 * Where a bare link (no parameters) opens: not at the embedding, whose charts are a single
 * strip and one sliver, but past the first sublayer, playing once through the layers so the
 * stream is seen to grow. A reader who asked for less motion gets the last sublayer, still.
 */
export function firstMinuteState(nLayers: number, reducedMotion: boolean): Partial<ExplorerState> {
  return reducedMotion
    ? { stage: Math.min(lastStage(nLayers), sublayerStage(sublayerCount(nLayers) - 1)) }
    : { stage: sublayerStage(0), playing: true };
}

/** On a bare link, applies firstMinuteState once the model is known. Links with state keep it. */
export function startFirstMinute(search: string): void {
  if (search !== '') return;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  let done = false;
  // Returns whether it has applied; the guard stops the store change it makes from re-entering.
  const apply = (): boolean => {
    const L = useApp.getState().models.residual?.nLayers;
    if (done || L === undefined) return done;
    done = true;
    useApp.getState().applyExplorer(firstMinuteState(L, reduced));
    return true;
  };
  if (apply()) return;
  const unsubscribe = useApp.subscribe(() => {
    if (apply()) unsubscribe();
  });
}
