import { useEffect } from 'react';
import { lastStage, shownLayers } from '../store/positions';
import { useApp } from '../store/store';

/**
 * ←/→ step through the layers and Home/End jump to either end, anywhere on the page except
 * where those keys already mean something (text fields, sliders, option groups). The store
 * holds the stage inside the model, so a key past either end changes nothing.
 */
export function useStageKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const s = useApp.getState();
      const L = shownLayers(s);
      if (L === undefined) return;
      const next =
        e.key === 'ArrowRight'
          ? s.stage + 1
          : e.key === 'ArrowLeft'
            ? s.stage - 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? lastStage(L)
                : null;
      if (next === null) return;
      e.preventDefault();
      s.setPlaying(false);
      s.setStage(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
